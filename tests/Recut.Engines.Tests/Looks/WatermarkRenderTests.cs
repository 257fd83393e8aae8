using Recut.Engines.Tests.Support;

namespace Recut.Engines.Tests.Looks;

public sealed class WatermarkRenderTests
{
    [Fact]
    public async Task Watermark_marks_the_bottom_right_and_nothing_else()
    {
        var clip = await SharedMedia.ShortClipAsync();
        using var marked = await EngineRuns.RunEngineAsync(clip, [], "mirror the video", r => r with { Watermark = true });
        using var plain = await EngineRuns.RunEngineAsync(clip, [], "mirror the video", r => r with { Watermark = false });
        var a = await marked.FrameAsync(0.5);
        var b = await plain.FrameAsync(0.5);

        var corner = Pixels.RegionDiff(a, b, 1280 - 160, 720 - 70, 160, 70);
        Assert.True(corner > 8, $"bottom-right differs by only {corner:0.00}");
        Assert.True(Pixels.RegionDiff(a, b, 0, 0, 600, 400) < 1, "top-left changed");
        Assert.True(Pixels.RegionDiff(a, b, 0, 620, 600, 100) < 1, "bottom-left changed");
        Assert.Contains("watermark \"AI生成\" bottom-right", marked.Observer.Plan, StringComparison.Ordinal);
        Assert.Contains("no watermark", plain.Observer.Plan, StringComparison.Ordinal);
    }
}
