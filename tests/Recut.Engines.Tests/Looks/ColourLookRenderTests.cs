using Recut.Engines.Local.Colour;
using Recut.Engines.Tests.Support;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.Engines.Tests.Looks;

public sealed class ColourLookRenderTests
{
    private static double Distance((double L, double A, double B, double SL, double SA, double SB) x,
        (double L, double A, double B, double SL, double SA, double SB) y) =>
        Math.Sqrt(Math.Pow(x.L - y.L, 2) + Math.Pow(x.A - y.A, 2) + Math.Pow(x.B - y.B, 2));

    [Fact]
    public async Task Blue_clip_takes_the_orange_look_of_the_reference()
    {
        const string prompt = "give the video the colours of the reference image";
        var clip = await SharedMedia.BlueClipAsync();
        var orange = await SharedMedia.OrangeImageAsync();
        using var run = await EngineRuns.RunEngineAsync(clip, [orange], prompt);

        var source = (await FrameReader.ReadAsync(clip, 1.0)).LabStats();
        var reference = (await FrameReader.ReadAsync(orange, 0)).LabStats();
        var output = (await run.FrameAsync(1.0)).LabStats();
        var before = Distance(source, reference);
        var after = Distance(output, reference);
        Assert.True(before > 30, $"the test media must differ clearly (ΔE {before:0})");
        Assert.True(after <= before / 2, $"ΔE to the reference went {before:0.0} → {after:0.0}");
        Assert.Contains("transfer the colour palette of reference image 1", run.Observer.Plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_statistics_ignore_transparent_pixels()
    {
        using var dir = new TempDir();
        var logo = TestMedia.LogoPng(dir.File("logo.png"), 300, 300, new SKColor(230, 20, 20));
        var stats = ReferenceColourSampler.Measure(logo, YCbCrMatrix.Bt601);
        var (y, cb, cr) = YCbCrMatrix.Bt601.FromRgb(230, 20, 20);
        // Half the image is transparent black: counted, it would pull luma and chroma halfway to black.
        Assert.InRange(stats.Y.Mean, y - 3, y + 3);
        Assert.InRange(stats.Cb.Mean, cb - 3, cb + 3);
        Assert.InRange(stats.Cr.Mean, cr - 3, cr + 3);
    }

    [Fact]
    public void Undecodable_reference_is_an_open_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.png"), "not an image");
        var e = Assert.Throws<Recut.Media.MediaException>(() => ReferenceColourSampler.Measure(dir.File("bad.png"), YCbCrMatrix.Bt601));
        Assert.Equal("InvalidFile.Openerror", e.Code);
    }
}
