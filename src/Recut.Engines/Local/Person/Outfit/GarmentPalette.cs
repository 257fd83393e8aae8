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
/// then the largest colour cluster of that region. A picture whose pattern runs off every side (a fabric swatch)
/// is all garment. When the region is patterned (<see cref="PatternDetector"/>) the result also carries the
/// pattern. Fails with UnsupportedEdit when no region is left, or when a patterned one is too small to cut a tile from.
/// </summary>
public static class GarmentPalette
{
    private const int WorkLongSide = 256;
    private const double SwatchDistance = 12;
    private const double SwatchShare = 0.9;
    private const double BackdropDistance = 18;
    private const double MinForegroundShare = 0.02;
    private const int TileLongSide = 768;
    private const int MinTileSide = 24;

    /// <summary>Backdrop-coloured stripes up to this width (work pixels) still count as the garment's.</summary>
    private const int SilhouetteGap = 15;

    /// <summary>What was measured, and from which kind of reference (for the plan's description and the bench).</summary>
    public sealed record Result(LabStats Colour, ReferenceKind Kind) : IDisposable
    {
        /// <summary>Set when the garment is patterned: then the pattern is carried over, not only a colour.</summary>
        public GarmentPattern? Pattern { get; init; }

        public void Dispose() => Pattern?.Dispose();
    }

    public static Result Measure(Mat reference, IReferencePersonGarment? people = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var small = Shrink(reference, WorkLongSide);
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
                return WithPattern(reference, small, worn, new Result(family.Main, ReferenceKind.PersonPhoto));
            }
        }
        if (FillsFrame(small) is { } all)
        {
            using (all)
            {
                return WithPattern(reference, small, all, new Result(LabStats.Measure(small, all)!.Value, ReferenceKind.Swatch));
            }
        }
        using var foreground = Foreground(lab);
        ExcludeSkin(small, foreground);
        if (Cv2.CountNonZero(foreground) == 0 || DominantColour.Find(small, foreground) is not { } garment)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit,
                "no garment could be told apart from the backdrop in the reference image; give a photo of the garment on a plain backdrop, a colour swatch, or name the colour");
        }
        // A stripe of the backdrop's own colour is not "unlike the border", so the pattern is judged on the whole
        // silhouette: gaps up to a stripe's width closed, holes filled.
        using var silhouette = FillHoles(foreground);
        var kind = garment.Main.SpreadL < OutfitRecolourer.FlatSpread ? ReferenceKind.Swatch : ReferenceKind.ProductShot;
        var flatResult = new Result(garment.Main, kind);
        var patterned = WithPattern(reference, small, silhouette, new Result(garment.Main, ReferenceKind.ProductShot));
        return patterned.Pattern is null ? flatResult : patterned;
    }

    /// <summary>The result with the garment's pattern attached when the region is patterned.</summary>
    private static Result WithPattern(Mat reference, Mat small, Mat region, Result flat)
    {
        var (kind, measure) = PatternDetector.Detect(small, region);
        if (kind == PatternKind.None)
        {
            return flat;
        }
        using var inner = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5)))
        {
            Cv2.Erode(region, inner, kernel);
        }
        var box = InscribedRectangle.Find(inner);
        if (box.Width < MinTileSide || box.Height < MinTileSide)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit,
                $"the garment in the reference image is {GarmentPattern.Describe(kind)}, but too little of it shows in one piece to carry the pattern over; give a closer photo of the garment or a swatch of the pattern");
        }
        // The tile is cut from a sharper copy than the work image, so fine stripes survive.
        using var sharp = Shrink(reference, TileLongSide);
        var s = sharp.Width / (double)small.Width;
        var rect = new Rect((int)(box.X * s), (int)(box.Y * s), (int)(box.Width * s), (int)(box.Height * s))
            .Intersect(new Rect(0, 0, sharp.Width, sharp.Height));
        var colour = LabStats.Measure(small, region) ?? flat.Colour;
        return new Result(colour, flat.Kind) { Pattern = new GarmentPattern(kind, new Mat(sharp, rect).Clone(), measure) };
    }

    /// <summary>
    /// The whole picture, when a pattern runs off every side (a fabric swatch, a close-up): the border is as
    /// patterned as the middle, so there is no backdrop to take away. Null otherwise.
    /// </summary>
    private static Mat? FillsFrame(Mat small)
    {
        var all = new Mat(small.Size(), MatType.CV_8UC1, Scalar.All(255));
        using var band = all.Clone();
        var inset = Math.Max(8, Math.Min(small.Width, small.Height) * 15 / 100);
        if (small.Width > 3 * inset && small.Height > 3 * inset)
        {
            using var middle = new Mat(band, new Rect(inset, inset, small.Width - (2 * inset), small.Height - (2 * inset)));
            middle.SetTo(Scalar.All(0));
        }
        if (PatternDetector.Detect(small, all).Kind != PatternKind.None && PatternDetector.Detect(small, band).Kind != PatternKind.None)
        {
            return all;
        }
        all.Dispose();
        return null;
    }

    private static Mat FillHoles(Mat mask)
    {
        using var closed = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(SilhouetteGap, SilhouetteGap)))
        {
            Cv2.MorphologyEx(mask, closed, MorphTypes.Close, kernel);
        }
        Cv2.FindContours(closed, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var filled = new Mat(mask.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.DrawContours(filled, contours, -1, Scalar.All(255), -1);
        return filled;
    }

    private static Mat Shrink(Mat image, int longSide)
    {
        var scale = Math.Min(1, longSide / (double)Math.Max(image.Width, image.Height));
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
