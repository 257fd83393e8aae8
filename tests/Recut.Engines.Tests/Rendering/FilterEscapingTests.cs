using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Rendering;
using Recut.Engines.Tests.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Rendering;

public sealed class FilterEscapingTests
{
    [Theory]
    [InlineData("/tmp/a.cube", @"\'/tmp/a.cube\'")]
    [InlineData("a:b", @"\'a:b\'")]
    [InlineData("it's", @"\'it\'\\\'\'s\'")]
    [InlineData("x[1],y;z", @"\'x\[1\]\,y\;z\'")]
    [InlineData(@"back\slash", @"\'back\\slash\'")]
    public void Quotes_for_both_levels(string value, string expected) => Assert.Equal(expected, FilterEscaping.Quote(value));

    [Fact]
    public async Task Colour_maps_and_watermark_in_a_hostile_folder_name_still_reach_ffmpeg()
    {
        using var dir = new TempDir();
        var hostile = Path.Combine(dir.Path, "it's [a], b;c:d \\ e=f");
        Directory.CreateDirectory(hostile);
        var output = Path.Combine(hostile, "out.mp4");
        var colour = YuvLook.Create(null, new PlaneStatistics(new(120, 40), new(128, 10), new(128, 10)), null,
            [new GlobalLookOp(GlobalLook.Grayscale, 1)]);
        var spec = new RenderSpec { Width = 320, Height = 180, DurationSeconds = 1, Colour = colour, WatermarkFontPath = await CjkFontLocator.FindAsync(CancellationToken.None) };

        await DirectRenderer.RenderAsync(await SharedMedia.ShortClipAsync(), spec, output, new ProgressTracker(NullEditObserver.Instance), CancellationToken.None);

        var frame = await FrameReader.ReadAsync(output, 0.5);
        Assert.Equal((320, 180), (frame.Width, frame.Height));
        Assert.True(Pixels.GreyDeviation(frame) < 3, "the colour maps were not applied");
    }

    [Fact]
    public async Task The_cjk_font_is_found_and_covers_chinese()
    {
        var font = await CjkFontLocator.FindAsync(CancellationToken.None);
        Assert.True(File.Exists(font), font);
        Assert.Same(font, await CjkFontLocator.FindAsync(CancellationToken.None));
    }
}
