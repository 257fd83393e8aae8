using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The colours of the garment in a reference image: the image's foreground (pixels unlike its border, so a
/// product shot on a plain backdrop loses the backdrop), skin taken out when enough remains, then the largest
/// of three k-means colour clusters. A plain swatch is its own garment.
/// </summary>
public static class GarmentPalette
{
    private const int WorkLongSide = 256;
    private const double BackdropDistance = 18;
    private const double MinForegroundShare = 0.05;

    public static LabStats Measure(Mat reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var small = Shrink(reference);
        using var lab = new Mat();
        Cv2.CvtColor(small, lab, ColorConversionCodes.BGR2Lab);
        using var foreground = Foreground(lab);
        ExcludeSkin(small, foreground);
        return DominantColour.Find(small, foreground)
            ?? throw new InvalidOperationException("the garment region of the reference image is empty");
    }

    private static Mat Shrink(Mat image)
    {
        var scale = Math.Min(1, WorkLongSide / (double)Math.Max(image.Width, image.Height));
        var small = new Mat();
        Cv2.Resize(image, small, new Size(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale))), 0, 0, InterpolationFlags.Area);
        return small;
    }

    /// <summary>Pixels farther than ΔE≈18 from the median border colour; all pixels when too few are.</summary>
    private static Mat Foreground(Mat lab)
    {
        var border = BorderMedian(lab);
        using var diff = new Mat();
        Cv2.Absdiff(lab, new Scalar(border[0], border[1], border[2]), diff);
        using var diffF = new Mat();
        diff.ConvertTo(diffF, MatType.CV_32FC3);
        Cv2.Multiply(diffF, diffF, diffF);
        using var distance = new Mat();
        Cv2.Transform(diffF, distance, Mat.FromArray(new float[,] { { 1, 1, 1 } }));
        var mask = new Mat();
        Cv2.Threshold(distance, distance, BackdropDistance * BackdropDistance, 255, ThresholdTypes.Binary);
        distance.ConvertTo(mask, MatType.CV_8UC1);
        if (Cv2.CountNonZero(mask) < lab.Total() * MinForegroundShare)
        {
            mask.SetTo(Scalar.All(255));
        }
        return mask;
    }

    private static byte[] BorderMedian(Mat lab)
    {
        var pixels = new List<Vec3b>();
        int width = lab.Width, height = lab.Height;
        for (var x = 0; x < width; x++)
        {
            pixels.Add(lab.At<Vec3b>(0, x));
            pixels.Add(lab.At<Vec3b>(height - 1, x));
        }
        for (var y = 0; y < height; y++)
        {
            pixels.Add(lab.At<Vec3b>(y, 0));
            pixels.Add(lab.At<Vec3b>(y, width - 1));
        }
        byte Median(Func<Vec3b, byte> channel) => pixels.Select(channel).Order().ElementAt(pixels.Count / 2);
        return [Median(p => p.Item0), Median(p => p.Item1), Median(p => p.Item2)];
    }

    private static void ExcludeSkin(Mat bgr, Mat foreground)
    {
        using var skin = new Mat();
        using var model = new SkinModel();
        model.Classify(bgr, skin);
        using var withoutSkin = new Mat();
        Cv2.BitwiseNot(skin, skin);
        Cv2.BitwiseAnd(foreground, skin, withoutSkin);
        if (Cv2.CountNonZero(withoutSkin) >= Cv2.CountNonZero(foreground) * 0.3)
        {
            withoutSkin.CopyTo(foreground);
        }
    }
}
