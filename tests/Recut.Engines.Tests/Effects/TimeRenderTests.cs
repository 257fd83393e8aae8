using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Effects;

/// <summary>Speed, reverse and trims on a 4 s testsrc2 clip with sound: lengths to a frame, and which source frame shows.</summary>
public sealed class TimeRenderTests
{
    private const double Frame = 1 / 30.0;

    private static async Task<RgbFrame> SourceFrameAsync(double at) => await FrameReader.ReadAsync(await EffectClips.MovingAsync(), at);

    /// <summary>Which of the candidate source times the frame matches best (the frames are scaled, so compared at 640×360).</summary>
    private static async Task<double> NearestSourceTimeAsync(RgbFrame output, IEnumerable<double> candidates)
    {
        var small = Downscale(output);
        var best = (Time: -1.0, Diff: double.MaxValue);
        foreach (var t in candidates)
        {
            var d = small.MeanAbsDiff(await SourceFrameAsync(t));
            best = d < best.Diff ? (t, d) : best;
        }
        return best.Time;
    }

    private static RgbFrame Downscale(RgbFrame f)
    {
        var rgb = new byte[640 * 360 * 3];
        for (var y = 0; y < 360; y++)
        {
            for (var x = 0; x < 640; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var sx = x * 2;
                    var sy = y * 2;
                    var sum = f.Rgb[((sy * f.Width) + sx) * 3 + c] + f.Rgb[((sy * f.Width) + sx + 1) * 3 + c]
                        + f.Rgb[(((sy + 1) * f.Width) + sx) * 3 + c] + f.Rgb[(((sy + 1) * f.Width) + sx + 1) * 3 + c];
                    rgb[((y * 640) + x) * 3 + c] = (byte)(sum / 4);
                }
            }
        }
        return new RgbFrame(640, 360, rgb);
    }

    [Fact]
    public async Task Double_speed_halves_the_picture_and_the_sound()
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.MovingAsync(), [], "make it 2x faster");
        Assert.InRange(run.Result.OutputVideoDuration, 2 - Frame, 2 + Frame);
        Assert.InRange(await EffectClips.StreamSecondsAsync(run.Output, "audio"), 2 - 0.05, 2 + 0.05);
        // Output second 1 shows source second 2.
        Assert.Equal(2.0, await NearestSourceTimeAsync(await run.FrameAsync(1.0), [1.0, 1.5, 2.0, 2.5]));
    }

    [Fact]
    public async Task Half_speed_is_capped_at_the_input_length_and_blends_frames()
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.MovingAsync(), [], "slow motion please");
        Assert.InRange(run.Result.OutputVideoDuration, 4 - Frame, 4 + Frame); // never longer than the input: source 0–2 s
        Assert.InRange(await EffectClips.StreamSecondsAsync(run.Output, "audio"), 4 - 0.06, 4 + 0.06);
        Assert.Equal(1.0, await NearestSourceTimeAsync(await run.FrameAsync(2.0), [0.5, 1.0, 1.5, 2.0]));
        Assert.Contains("source 0.00–2.00 s", run.Result.ActualPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requested_duration_caps_a_slowed_clip()
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.MovingAsync(), [], "slow it down to half speed",
            r => r with { Duration = 3 });
        Assert.InRange(run.Result.OutputVideoDuration, 3 - Frame, 3 + Frame);
    }

    [Fact]
    public async Task Reverse_starts_with_the_last_frame()
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.MovingAsync(), [], "play it backwards");
        Assert.InRange(run.Result.OutputVideoDuration, 4 - Frame, 4 + Frame);
        var first = await run.FrameAsync(0);
        Assert.Equal(4 - Frame, await NearestSourceTimeAsync(first, [0, 1, 2, 3, 4 - (2 * Frame), 4 - Frame]));
        Assert.InRange(await EffectClips.StreamSecondsAsync(run.Output, "audio"), 3.9, 4.1);
    }

    [Theory]
    [InlineData("only the first 3 seconds", 3, 0.5, 0.5)]
    [InlineData("去掉开头两秒", 2, 0.5, 2.5)]
    [InlineData("keep just the last 2.5 seconds", 2.5, 0, 1.5)]
    public async Task Trims_keep_the_named_part(string prompt, double seconds, double at, double sourceAt)
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.MovingAsync(), [], prompt);
        Assert.InRange(run.Result.OutputVideoDuration, seconds - Frame, seconds + Frame);
        Assert.InRange(await EffectClips.StreamSecondsAsync(run.Output, "audio"), seconds - 0.05, seconds + 0.05);
        Assert.Equal(sourceAt, await NearestSourceTimeAsync(await run.FrameAsync(at), [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]));
    }

    [Theory]
    [InlineData("speed it up 4x")]            // 1 s: shorter than the 2 s the API allows
    [InlineData("only the first 1 second")]
    [InlineData("cut the first 5 seconds")]   // longer than the clip
    public async Task Outputs_the_duration_rules_forbid_are_refused(string prompt)
    {
        var e = await Assert.ThrowsAsync<ApiErrorException>(() => EngineRuns.RunEngineAsync(EffectClips.MovingAsync().Result, [], prompt));
        Assert.Equal(ErrorCodes.UnsupportedEdit, e.Error.Code);
        Assert.Matches("at least 2 s|no 5 seconds", e.Error.Message);
    }
}
