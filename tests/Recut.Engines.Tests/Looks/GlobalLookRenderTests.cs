using Recut.Engines.Tests.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Looks;

/// <summary>Each whole-frame look, rendered for real and measured against the unedited render of the same clip.</summary>
public sealed class GlobalLookRenderTests
{
    private static async Task<(RgbFrame Edited, RgbFrame Baseline)> RenderAsync(string prompt)
    {
        using var run = await EngineRuns.RunEngineAsync(await SharedMedia.ShortClipAsync(), [], prompt);
        return (await run.FrameAsync(0.5), await FrameReader.ReadAsync(await SharedMedia.ShortBaselineAsync(), 0.5));
    }

    [Fact]
    public async Task Black_and_white_makes_every_pixel_grey()
    {
        var (edited, baseline) = await RenderAsync("make it black and white");
        Assert.True(Pixels.GreyDeviation(baseline) > 30, "the test clip must be colourful to prove anything");
        Assert.True(Pixels.GreyDeviation(edited) < 3, $"grey deviation {Pixels.GreyDeviation(edited):0.00}");
    }

    [Fact]
    public async Task Sepia_gives_red_over_green_over_blue()
    {
        var (edited, _) = await RenderAsync("give it a sepia tone");
        var (r, g, b) = edited.MeanRgb();
        Assert.True(r > g + 8 && g > b + 8, $"mean RGB {r:0} {g:0} {b:0}");
        var ordered = 0;
        for (var i = 0; i < edited.Rgb.Length; i += 3)
        {
            ordered += edited.Rgb[i] + 2 >= edited.Rgb[i + 1] && edited.Rgb[i + 1] + 2 >= edited.Rgb[i + 2] ? 1 : 0;
        }
        Assert.True(ordered > 0.9 * edited.Width * edited.Height, $"only {ordered} pixels have R ≥ G ≥ B");
    }

    [Theory]
    [InlineData("make it brighter", 1)]
    [InlineData("make it darker", -1)]
    public async Task Brightness_moves_mean_lightness(string prompt, int sign)
    {
        var (edited, baseline) = await RenderAsync(prompt);
        var change = edited.LabStats().L - baseline.LabStats().L;
        Assert.True(change * sign > 5, $"L* changed by {change:0.0}");
    }

    [Theory]
    [InlineData("make it warmer", 1)]
    [InlineData("make it cooler", -1)]
    public async Task Warmth_moves_the_red_to_blue_ratio(string prompt, int sign)
    {
        var (edited, baseline) = await RenderAsync(prompt);
        static double RedOverBlue(RgbFrame f)
        {
            var (r, _, b) = f.MeanRgb();
            return r / b;
        }
        var ratio = RedOverBlue(edited) / RedOverBlue(baseline);
        Assert.True(sign > 0 ? ratio > 1.1 : ratio < 0.9, $"R/B changed ×{ratio:0.00}");
    }

    [Theory]
    [InlineData("more contrast", 1)]
    [InlineData("less contrast", -1)]
    public async Task Contrast_changes_the_spread_of_lightness(string prompt, int sign)
    {
        var (edited, baseline) = await RenderAsync(prompt);
        var ratio = edited.LabStats().SL / baseline.LabStats().SL;
        Assert.True(sign > 0 ? ratio > 1.1 : ratio < 0.85, $"std L* ×{ratio:0.00}");
    }

    [Theory]
    [InlineData("make the colours more vivid", 1)]
    [InlineData("make the colours more muted", -1)]
    public async Task Saturation_changes_chroma(string prompt, int sign)
    {
        var (edited, baseline) = await RenderAsync(prompt);
        var ratio = Pixels.Chroma(edited) / Pixels.Chroma(baseline);
        Assert.True(sign > 0 ? ratio > 1.15 : ratio < 0.8, $"chroma ×{ratio:0.00}");
    }

    [Fact]
    public async Task Blur_removes_fine_detail()
    {
        var (edited, baseline) = await RenderAsync("blur the video");
        var ratio = Pixels.HighFrequency(edited) / Pixels.HighFrequency(baseline);
        Assert.True(ratio < 0.5, $"high-frequency energy ×{ratio:0.00}");
        Assert.InRange(edited.LabStats().L - baseline.LabStats().L, -2, 2);
    }

    [Fact]
    public async Task Mirror_swaps_left_and_right()
    {
        var (edited, baseline) = await RenderAsync("mirror the video");
        var flipped = Pixels.Mirrored(baseline);
        Assert.True(edited.MeanAbsDiff(flipped) < 2.5, $"vs flipped baseline: {edited.MeanAbsDiff(flipped):0.00}");
        Assert.True(edited.MeanAbsDiff(baseline) > 20, $"vs unflipped baseline: {edited.MeanAbsDiff(baseline):0.00}");
    }

    [Fact]
    public async Task Two_looks_combine()
    {
        var (edited, baseline) = await RenderAsync("black and white, and a bit brighter");
        Assert.True(Pixels.GreyDeviation(edited) < 3, $"grey deviation {Pixels.GreyDeviation(edited):0.00}");
        var change = edited.LabStats().L - baseline.LabStats().L;
        Assert.True(change > 3, $"L* changed by {change:0.0}");
    }
}
