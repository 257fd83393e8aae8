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
        var stats = GarmentPalette.Measure(shirt);
        var expected = LabOf(red);
        Assert.InRange(stats.CentreA, expected.Item1 - 3, expected.Item1 + 3);
        Assert.InRange(stats.CentreB, expected.Item2 - 3, expected.Item2 + 3);
        Assert.InRange(stats.CentreL, expected.Item0 - 5, expected.Item0 + 5);
    }

    [Fact]
    public void A_plain_swatch_is_its_own_garment()
    {
        using var swatch = new Mat(120, 80, MatType.CV_8UC3, new Scalar(160, 90, 20));
        var stats = GarmentPalette.Measure(swatch);
        var expected = LabOf(new Scalar(160, 90, 20));
        Assert.InRange(stats.CentreA, expected.Item1 - 1, expected.Item1 + 1);
        Assert.InRange(stats.CentreB, expected.Item2 - 1, expected.Item2 + 1);
    }

    private static Vec3b LabOf(Scalar bgr)
    {
        using var pixel = new Mat(1, 1, MatType.CV_8UC3, bgr);
        using var lab = new Mat();
        Cv2.CvtColor(pixel, lab, ColorConversionCodes.BGR2Lab);
        return lab.At<Vec3b>(0, 0);
    }
}
