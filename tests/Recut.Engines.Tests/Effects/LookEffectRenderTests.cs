using Recut.Engines.Tests.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Effects;

/// <summary>Vignette, grain, fades, day-for-night and the cartoon-style filter, rendered for real and measured.</summary>
public sealed class LookEffectRenderTests
{
    [Fact]
    public async Task Vignette_darkens_the_corners_not_the_centre()
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.GreyAsync(), [], "add a vignette");
        var f = await run.FrameAsync(1.0);
        var centre = EffectClips.Luma(f, 560, 280, 160, 160);
        var corners = new[] { (0, 0), (1220, 0), (0, 660), (1220, 660) }.Select(c => EffectClips.Luma(f, c.Item1, c.Item2, 60, 60)).ToList();
        Assert.InRange(centre, 110, 145); // the centre keeps the grey
        Assert.All(corners, c => Assert.True(c < centre - 30, $"corner {c:0} vs centre {centre:0}"));
    }

    [Fact]
    public async Task Grain_adds_noise_that_changes_every_frame()
    {
        using var run = await EngineRuns.RunEngineAsync(await EffectClips.GreyAsync(), [], "add film grain");
        var a = await run.FrameAsync(0.8);
        var b = await run.FrameAsync(0.9);
        Assert.True(EffectClips.Spread(a, 400, 200, 400, 300) > 3, $"spread {EffectClips.Spread(a, 400, 200, 400, 300):0.0}");
        Assert.True(Pixels.RegionDiff(a, b, 400, 200, 400, 300) > 2, "grain must move from frame to frame");
        Assert.InRange(EffectClips.Luma(a, 400, 200, 400, 300), 115, 141);
    }

    [Fact]
    public async Task Grain_is_the_same_for_the_same_seed()
    {
        var clip = await EffectClips.GreyAsync();
        using var one = await EngineRuns.RunEngineAsync(clip, [], "add film grain");
        using var two = await EngineRuns.RunEngineAsync(clip, [], "add film grain");
        Assert.Equal(await File.ReadAllBytesAsync(one.Output), await File.ReadAllBytesAsync(two.Output));
    }

    [Fact]
    public async Task Fade_in_and_out_starts_and_ends_black_with_the_sound_faded()
    {
        using var run = await EngineRuns.RunEngineAsync(await SharedMedia.ClipAsync(), [], "fade in from black and fade out to black");
        var first = await run.FrameAsync(0);
        var middle = await run.FrameAsync(1.0);
        var last = await run.FrameAsync(1.96);
        Assert.True(EffectClips.Luma(first, 0, 0, -1, -1) < 8, $"first frame luma {EffectClips.Luma(first, 0, 0, -1, -1):0.0}");
        Assert.True(EffectClips.Luma(last, 0, 0, -1, -1) < 20, $"last frame luma {EffectClips.Luma(last, 0, 0, -1, -1):0.0}");
        Assert.True(EffectClips.Luma(middle, 0, 0, -1, -1) > 60, $"middle frame luma {EffectClips.Luma(middle, 0, 0, -1, -1):0.0}");
        Assert.InRange(await EffectClips.StreamSecondsAsync(run.Output, "audio"), 1.9, 2.1);
        Assert.Contains("fade in from black", run.Result.ActualPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Day_for_night_is_darker_and_bluer()
    {
        using var run = await EngineRuns.RunEngineAsync(await SharedMedia.ShortClipAsync(), [], "make it day for night");
        var edited = await run.FrameAsync(0.5);
        var baseline = await FrameReader.ReadAsync(await SharedMedia.ShortBaselineAsync(), 0.5);
        var (r, _, b) = edited.MeanRgb();
        Assert.True(edited.LabStats().L < baseline.LabStats().L - 15, $"L* {edited.LabStats().L:0} vs {baseline.LabStats().L:0}");
        Assert.True(b > r + 10, $"mean R {r:0}, B {b:0}");
        Assert.True(Pixels.Chroma(edited) < Pixels.Chroma(baseline), "less saturated");
    }

    [Fact]
    public async Task Cartoon_style_filter_posterises_a_smooth_ramp_into_steps()
    {
        var ramp = await EffectClips.RampAsync();
        using var edited = await EngineRuns.RunEngineAsync(ramp, [], "give it a cartoon style look");
        using var plain = await EngineRuns.RunEngineAsync(ramp, [], "make it a bit brighter");
        static (int Levels, int MaxJump) Steps(RgbFrame f)
        {
            var row = Enumerable.Range(100, 1080).Select(x => (int)f.Pixel(x, 360).G).ToList();
            return (row.Distinct().Count(), row.Zip(row.Skip(1), (p, q) => Math.Abs(q - p)).Max());
        }
        var (levels, jump) = Steps(await edited.FrameAsync(1.0));
        var (plainLevels, plainJump) = Steps(await plain.FrameAsync(1.0));
        Assert.True(plainLevels > 100 && plainJump < 6, $"the ramp must be smooth to prove anything: {plainLevels} levels, jump {plainJump}");
        Assert.True(levels < 40, $"{levels} distinct levels along the ramp");
        Assert.True(jump > 15, $"largest step {jump}");
        Assert.Contains("cartoon-style filter", edited.Result.ActualPrompt, StringComparison.Ordinal);
    }
}
