using OpenCvSharp;
using Recut.Engines.Local.Person.Imaging;

namespace Recut.Engines.Tests.Person;

public sealed class CoverScalerTests
{
    [Fact]
    public void A_wide_image_fills_a_square_frame_by_cropping_its_sides()
    {
        // 400×100: four 100-px columns red, green, blue, white. Covering 100×100 needs no scaling and keeps the middle two.
        using var image = new Mat(100, 400, MatType.CV_8UC3);
        Scalar[] colours = [new(0, 0, 255), new(0, 255, 0), new(255, 0, 0), new(255, 255, 255)];
        for (var i = 0; i < 4; i++)
        {
            image[new Rect(i * 100, 0, 100, 100)].SetTo(colours[i]);
        }
        using var covered = CoverScaler.Cover(image, new Size(100, 100));
        Assert.Equal(new Size(100, 100), covered.Size());
        Assert.Equal(new Vec3b(0, 255, 0), covered.At<Vec3b>(50, 25));
        Assert.Equal(new Vec3b(255, 0, 0), covered.At<Vec3b>(50, 75));
    }

    [Fact]
    public void A_small_square_image_is_scaled_up_uniformly_to_a_wide_frame()
    {
        // A 100×100 image with its top half black, bottom half white, covering 300×100: scale 3, rows 100..200 kept.
        using var image = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(255));
        image[new Rect(0, 0, 100, 50)].SetTo(Scalar.All(0));
        using var covered = CoverScaler.Cover(image, new Size(300, 100));
        Assert.Equal(new Size(300, 100), covered.Size());
        // The seam sits at row 150 of the 300-row scaled image, i.e. row 50 of the crop: a uniform scale, not a squash.
        Assert.True(covered.At<Vec3b>(40, 150).Item0 < 20);
        Assert.True(covered.At<Vec3b>(60, 150).Item0 > 235);
    }
}
