using Recut.Engines.Tests.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Looks;

/// <summary>
/// A 300×300 logo (red rounded square, transparent 15% margin) at 18% of 1280 px = 230 px, 22 px from the edges
/// (3% of 720): its red core spans ±80 px around the logo centre, its corners are transparent.
/// </summary>
public sealed class OverlayRenderTests
{
    private const int Logo = 230, Margin = 22;

    [Theory]
    [InlineData("put the logo in the top-right corner", 1280 - Logo - Margin, Margin)]
    [InlineData("把logo放在左下角", Margin, 720 - Logo - Margin)]
    public async Task Logo_lands_in_the_corner_with_transparency_respected(string prompt, int left, int top)
    {
        using var run = await EngineRuns.RunEngineAsync(await SharedMedia.ShortClipAsync(), [await SharedMedia.RedLogoAsync()], prompt);
        var frame = await run.FrameAsync(0.5);
        var baseline = await FrameReader.ReadAsync(await SharedMedia.ShortBaselineAsync(), 0.5);

        var (r, g, b) = frame.MeanRgb(left + (Logo / 2) - 30, top + (Logo / 2) - 30, 60, 60);
        Assert.True(r > 190 && g < 70 && b < 70, $"logo core is {r:0},{g:0},{b:0}");

        // The logo's own transparent corner shows the video underneath.
        Assert.True(Pixels.RegionDiff(frame, baseline, left + 3, top + 3, 24, 24) < 6, "transparent corner of the logo is not the video");

        // Away from the logo the picture is the unedited one.
        var far = new List<(int X, int Y)> { (0, 0), (0, 560), (1080, 560), (1080, 0) }
            .Where(c => Math.Abs(c.X - left) > 300 || Math.Abs(c.Y - top) > 300);
        foreach (var (x, y) in far)
        {
            Assert.True(Pixels.RegionDiff(frame, baseline, x, y, 200, 160) < 3, $"region at {x},{y} changed");
        }
    }
}
