using OpenCvSharp;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The colour of the garment in a reference image, tried in this order:
/// <list type="number">
/// <item>a flat swatch (nearly every pixel one colour): that colour, with no shading of its own;</item>
/// <item>a photo of a person: their clothing, found as in the video (<see cref="IReferencePersonGarment"/>);</item>
/// <item>a product shot: the pixels unlike the border (the backdrop), skin taken out when enough remains;</item>
/// </list>
/// then the largest colour cluster of that region. Fails with UnsupportedEdit when no region is left.
/// </summary>
public static class GarmentPalette
{
    private const int WorkLongSide = 256;
    private const double SwatchDistance = 12;
    private const double SwatchShare = 0.9;
    private const double BackdropDistance = 18;
    private const double MinForegroundShare = 0.02;

    /// <summary>What was measured, and from which kind of reference (for the plan's description and the bench).</summary>
    public sealed record Result(LabStats Colour, ReferenceKind Kind);

    public static Result Measure(Mat reference, IReferencePersonGarment? people = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var small = Shrink(reference);
        using var lab = new Mat();
        Cv2.CvtColor(small, lab, ColorConversionCodes.BGR2Lab);
        var median = Median(lab, _ => true);
        using (var near = Near(lab, median, SwatchDistance))
        {
            if (Cv2.CountNonZero(near) >= lab.Total() * SwatchShare)
            {
                var flat = LabStats.Measure(small, near)!.Value;
                return new Result(flat with { SpreadL = 0 }, ReferenceKind.Swatch);
            }
        }
        using (var worn = people?.FindGarment(small))
        {
            if (worn is not null && DominantColour.Find(small, worn) is { } family)
            {
                return new Result(family.Main, ReferenceKind.PersonPhoto);
            }
        }
        using var foreground = Foreground(lab);
        ExcludeSkin(small, foreground);
        if (Cv2.CountNonZero(foreground) == 0 || DominantColour.Find(small, foreground) is not { } garment)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit,
                "no garment could be told apart from the backdrop in the reference image; give a photo of the garment on a plain backdrop, a colour swatch, or name the colour");
        }
        var kind = garment.Main.SpreadL < OutfitRecolourer.FlatSpread ? ReferenceKind.Swatch : ReferenceKind.ProductShot;
        return new Result(garment.Main, kind);
    }

    private static Mat Shrink(Mat image)
    {
        var scale = Math.Min(1, WorkLongSide / (double)Math.Max(image.Width, image.Height));
        var small = new Mat();
        Cv2.Resize(image, small, new Size(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale))), 0, 0, InterpolationFlags.Area);
        return small;
    }

    /// <summary>255 where the Lab pixel lies within <paramref name="distance"/> of <paramref name="centre"/>.</summary>
    private static Mat Near(Mat lab, byte[] centre, double distance)
    {
        using var diff = new Mat();
        Cv2.Absdiff(lab, new Scalar(centre[0], centre[1], centre[2]), diff);
        using var diffF = new Mat();
        diff.ConvertTo(diffF, MatType.CV_32FC3);
        Cv2.Multiply(diffF, diffF, diffF);
        using var squared = new Mat();
        using var sum = Mat.FromArray(new float[,] { { 1, 1, 1 } });
        Cv2.Transform(diffF, squared, sum);
        var mask = new Mat();
        Cv2.Threshold(squared, squared, distance * distance, 255, ThresholdTypes.BinaryInv);
        squared.ConvertTo(mask, MatType.CV_8UC1);
        return mask;
    }

    /// <summary>Pixels farther than ΔE≈18 from the median border colour; all pixels when too few are.</summary>
    private static Mat Foreground(Mat lab)
    {
        int width = lab.Width, height = lab.Height;
        var border = Median(lab, p => p.Y == 0 || p.X == 0 || p.Y == height - 1 || p.X == width - 1);
        using var near = Near(lab, border, BackdropDistance);
        var mask = new Mat();
        Cv2.BitwiseNot(near, mask);
        if (Cv2.CountNonZero(mask) < lab.Total() * MinForegroundShare)
        {
            mask.SetTo(Scalar.All(255));
        }
        return mask;
    }

    private static byte[] Median(Mat lab, Func<Point, bool> include)
    {
        var hist = new int[3, 256];
        var count = 0;
        int width = lab.Width, height = lab.Height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (!include(new Point(x, y)))
                {
                    continue;
                }
                var p = lab.At<Vec3b>(y, x);
                hist[0, p.Item0]++;
                hist[1, p.Item1]++;
                hist[2, p.Item2]++;
                count++;
            }
        }
        var result = new byte[3];
        for (var c = 0; c < 3; c++)
        {
            var seen = 0;
            for (var v = 0; v < 256; v++)
            {
                seen += hist[c, v];
                if (seen * 2 >= count)
                {
                    result[c] = (byte)v;
                    break;
                }
            }
        }
        return result;
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
