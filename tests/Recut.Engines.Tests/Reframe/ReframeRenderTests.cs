using Recut.Engines.Local.Person;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Reframe;

/// <summary>
/// Reframe rendered on generated footage whose person's position is known: the output is 9:16 at the API's size, the
/// whole portrait stays inside the moving window while she stands and walks (a centre crop would lose her), and a
/// clip with nobody in it fails instead of being centre-cropped.
/// </summary>
public sealed class ReframeRenderTests
{
    private static readonly double[] Times = [0.2, 0.8, 1.5, 2.0, 2.5, 3.2, 3.8];

    /// <summary>The columns of <paramref name="f"/> that are not the flat background: where the portrait is, first to last.</summary>
    private static (int First, int Last) PortraitColumns(RgbFrame f)
    {
        var (br, bg, bb) = ReframeClips.Background;
        var first = -1;
        var last = -1;
        for (var x = 0; x < f.Width; x++)
        {
            var differing = 0;
            for (var y = 0; y < f.Height; y += 4)
            {
                var (r, g, b) = f.Pixel(x, y);
                if (Math.Abs(r - br) + Math.Abs(g - bg) + Math.Abs(b - bb) > 60)
                {
                    differing++;
                }
            }
            if (differing >= 8)
            {
                first = first < 0 ? x : first;
                last = x;
            }
        }
        return (first, last);
    }

    [Fact]
    public async Task A_vertical_reframe_keeps_the_walking_person_inside_the_frame()
    {
        var clip = await ReframeClips.WalkAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [], "make it vertical for TikTok");
        Assert.Equal((720, 1280), (run.Result.Width, run.Result.Height));
        Assert.Contains("reframe to 9:16 following the person", run.Result.ActualPrompt, StringComparison.Ordinal);
        // The analysis moves the bar through its first 40 %, the render through the rest, never backwards.
        var progress = run.Observer.Progress;
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(progress, p => p is > 0.05 and < 0.4);
        Assert.Contains(progress, p => p is > 0.5 and < 1);
        Assert.Equal(1, progress[^1]);
        // The crop is 405 source px wide shown 720 wide: the portrait is 256 × 720/405 ≈ 455 px wide in the output.
        var expected = ReframeClips.PortraitWidth * 720.0 / 405;
        foreach (var t in Times)
        {
            var frame = await run.FrameAsync(t);
            var (first, last) = PortraitColumns(frame);
            Assert.True(first >= 0, $"no portrait at {t} s");
            var visible = last - first + 1;
            Assert.True(visible >= 0.92 * expected, $"at {t} s only {visible} of {expected:0} px of the portrait are in the frame ({first}..{last})");
        }
    }

    [Fact]
    public async Task The_same_clip_centre_cropped_loses_the_person_so_the_check_can_fail()
    {
        var clip = await ReframeClips.WalkAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [], "sharpen the image", r => r with { Ratio = "9:16" });
        var (first, last) = PortraitColumns(await run.FrameAsync(0.5));
        Assert.True(first < 0 || last - first + 1 < 0.5 * ReframeClips.PortraitWidth * 720.0 / 405, $"centre crop shows {first}..{last}");
    }

    [Fact]
    public async Task A_square_reframe_follows_her_too()
    {
        var clip = await ReframeClips.WalkAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [], "follow the person", r => r with { Ratio = "1:1" });
        Assert.Equal((960, 960), (run.Result.Width, run.Result.Height));
        var expected = ReframeClips.PortraitWidth * 960.0 / 720;
        foreach (var t in new[] { 0.5, 3.8 })
        {
            var (first, last) = PortraitColumns(await run.FrameAsync(t));
            Assert.True(last - first + 1 >= 0.92 * expected, $"at {t} s {first}..{last}");
        }
    }

    [Fact]
    public async Task A_sped_up_reframe_follows_her_on_the_output_clock()
    {
        var clip = await ReframeClips.WalkAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [], "make it vertical and 2x faster");
        Assert.Equal((720, 1280), (run.Result.Width, run.Result.Height));
        Assert.InRange(run.Result.OutputVideoDuration, 1.9, 2.1);
        var expected = ReframeClips.PortraitWidth * 720.0 / 405;
        // Standing at the start (source 0.5 s): whole. Mid-walk she crosses the frame at 820
        // px/s on the output clock, faster than the camera's top speed, so only most of her is asked for then and just after she stops
        // (source 3.8 s), while the camera catches up. On the source clock the window would still be mid-frame and lose her.
        foreach (var (t, share) in new[] { (0.25, 0.92), (1.0, 0.6), (1.9, 0.8) })
        {
            var (first, last) = PortraitColumns(await run.FrameAsync(t));
            Assert.True(last - first + 1 >= share * expected, $"at {t} s (source {2 * t} s) {first}..{last}");
        }
    }

    [Fact]
    public async Task A_person_edit_after_the_reframe_gets_frames_at_the_output_size()
    {
        var clip = await ReframeClips.WalkAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [], "make it vertical and turn the background black and white",
            factories: [PersonFrameProcessorFactory.FromOptions()]);
        Assert.Equal((720, 1280), (run.Result.Width, run.Result.Height));
        var frame = await run.FrameAsync(0.5);
        // The green background is grey now (chroma gone) far from the person, so the person step ran on the reframed frames.
        var (r, g, b) = frame.MeanRgb(0, 0, 720, 200);
        Assert.True(Math.Abs(g - r) < 8 && Math.Abs(g - b) < 8, $"top band still coloured: {r:0} {g:0} {b:0}");
        var (first, last) = PortraitColumns(frame);
        Assert.True(first >= 0 && last - first + 1 >= 0.5 * ReframeClips.PortraitWidth * 720.0 / 405, $"portrait {first}..{last}");
    }

    [Fact]
    public async Task A_clip_with_no_person_fails_instead_of_a_centre_crop()
    {
        var clip = await ReframeClips.EmptyAsync();
        var e = await Assert.ThrowsAsync<ApiErrorException>(() => EngineRuns.RunEngineAsync(clip, [], "make it vertical for TikTok"));
        Assert.StartsWith(ErrorCodes.UnsupportedEdit, e.Error.Code, StringComparison.Ordinal);
        Assert.Contains("No person was found to follow", e.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_in_too_little_of_the_clip_is_refused_with_the_count()
    {
        var clip = await ReframeClips.GlimpseAsync();
        var e = await Assert.ThrowsAsync<ApiErrorException>(() => EngineRuns.RunEngineAsync(clip, [], "make it square"));
        Assert.Equal(ErrorCodes.NoPersonFound, e.Error.Code);
        Assert.Contains("is in only", e.Error.Message, StringComparison.Ordinal);
        Assert.Contains("of 40 analysed frames", e.Error.Message, StringComparison.Ordinal);
    }
}
