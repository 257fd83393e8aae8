using OpenCvSharp;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Outfit;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Person;

public sealed class ReferenceImageTests
{
    [Fact]
    public void Asking_for_a_reference_that_was_not_given_is_an_unsupported_edit()
    {
        using var dir = new TempDir();
        var context = PersonContexts.For(64, 64, dir.Path, TestImages.Quadrants(dir.File("a.png"), 64, 64));
        var error = Assert.Throws<ApiErrorException>(() => ReferenceImages.Load(context.ReferenceImages, 2));
        Assert.Equal(ErrorCodes.UnsupportedEdit, error.Error.Code);
        Assert.Contains("reference image 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undecodable_reference_fails_as_an_unreadable_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("broken.png"), "not an image");
        var context = PersonContexts.For(64, 64, dir.Path, dir.File("broken.png"));
        var error = Assert.Throws<ApiErrorException>(() => ReferenceImages.Load(context.ReferenceImages, 0));
        Assert.Equal(ErrorCodes.FileOpenError, error.Error.Code);
    }

    [Fact]
    public void The_garment_colour_is_the_shirt_not_the_backdrop_or_its_folds()
    {
        using var dir = new TempDir();
        var red = new Scalar(40, 40, 200);
        using var shirt = Cv2.ImRead(TestImages.Garment(dir.File("shirt.png"), red));
        var stats = GarmentPalette.Measure(shirt).Colour;
        var expected = LabOf(red);
        Assert.InRange(stats.CentreA, expected.Item1 - 3, expected.Item1 + 3);
        Assert.InRange(stats.CentreB, expected.Item2 - 3, expected.Item2 + 3);
        Assert.InRange(stats.CentreL, expected.Item0 - 5, expected.Item0 + 5);
    }

    [Fact]
    public void A_plain_swatch_is_its_own_garment()
    {
        using var swatch = new Mat(120, 80, MatType.CV_8UC3, new Scalar(160, 90, 20));
        var stats = GarmentPalette.Measure(swatch).Colour;
        var expected = LabOf(new Scalar(160, 90, 20));
        Assert.InRange(stats.CentreA, expected.Item1 - 1, expected.Item1 + 1);
        Assert.InRange(stats.CentreB, expected.Item2 - 1, expected.Item2 + 1);
    }

    /// <summary>Flat swatches on which k-means returned equal centres and the old code found an "empty garment region".</summary>
    [Theory]
    [InlineData(0x10, 0x60, 0xd0)]
    [InlineData(0x20, 0x40, 0xc0)]
    [InlineData(0x20, 0x20, 0x20)]
    [InlineData(0xe0, 0xe0, 0xe0)]
    [InlineData(0xff, 0xff, 0xff)]
    [InlineData(0x00, 0x00, 0x00)]
    public void Any_flat_swatch_is_measured_as_its_colour(int r, int g, int b)
    {
        using var swatch = new Mat(300, 300, MatType.CV_8UC3, new Scalar(b, g, r));
        var result = GarmentPalette.Measure(swatch);
        var expected = LabOf(new Scalar(b, g, r));
        Assert.Equal(ReferenceKind.Swatch, result.Kind);
        Assert.Equal((double)expected.Item0, result.Colour.CentreL, 1.0);
        Assert.Equal((double)expected.Item1, result.Colour.CentreA, 1.0);
        Assert.Equal((double)expected.Item2, result.Colour.CentreB, 1.0);
    }

    [Fact]
    public void A_noisy_photographed_swatch_is_still_a_swatch()
    {
        using var swatch = new Mat(300, 300, MatType.CV_8UC3, new Scalar(0xd0, 0x60, 0x10));
        using var noise = new Mat(300, 300, MatType.CV_8UC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(4));
        using var noisy = new Mat();
        Cv2.Add(swatch, noise, noisy);
        Assert.Equal(ReferenceKind.Swatch, GarmentPalette.Measure(noisy).Kind);
    }

    private static Vec3b LabOf(Scalar bgr)
    {
        using var pixel = new Mat(1, 1, MatType.CV_8UC3, bgr);
        using var lab = new Mat();
        Cv2.CvtColor(pixel, lab, ColorConversionCodes.BGR2Lab);
        return lab.At<Vec3b>(0, 0);
    }
}
