using OpenCvSharp;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>
/// Makes the hand-checked garment masks of the two portraits (<c>garment-truth OUTDIR</c>): the person truth mask,
/// below a hand-placed neck line, where the pixel has the garment's colour (Grace Hopper: dark navy cloth, not the
/// white shirt, skin or the colourful ribbons; the astronaut: orange, not patches, helmet or neck ring), minus
/// hand-placed boxes for what colour cannot tell (Grace's black bow tie, the shadow under her chin), small holes in folds filled. Writes the
/// masks and red-tinted overlays to check by eye; the masks were then copied to Person/Fixtures.
/// </summary>
public static class GarmentTruth
{
    public static int Run(string[] args)
    {
        var dir = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
        Directory.CreateDirectory(dir);
        Make(PersonAssets.GraceHopper, dir, "grace_hopper", neckY: 318, IsNavy, [new Rect(212, 402, 92, 52), new Rect(232, 318, 66, 34)]);
        Make(PersonAssets.Astronaut, dir, "astronaut", neckY: 150, IsOrange, []);
        return 0;
    }

    private static bool IsNavy(Vec3f lab) => lab.Item0 < 30 && Math.Sqrt((lab.Item1 * lab.Item1) + (lab.Item2 * lab.Item2)) < 25;

    private static bool IsOrange(Vec3f lab) => lab.Item1 > 18 && lab.Item2 > 22 && lab.Item0 > 25;

    private static void Make(PersonPhoto person, string dir, string name, int neckY, Func<Vec3f, bool> garmentColour, Rect[] exclude)
    {
        using var photo = Cv2.ImRead(person.PhotoPath, ImreadModes.Color);
        using var personMask = Cv2.ImRead(person.MaskPath, ImreadModes.Grayscale);
        using var lab = ColourDifference.Lab(photo);
        using var mask = new Mat(photo.Size(), MatType.CV_8UC1, Scalar.All(0));
        int width = photo.Width, height = photo.Height;
        for (var y = neckY; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (personMask.At<byte>(y, x) > 127 && garmentColour(lab.At<Vec3f>(y, x)))
                {
                    mask.Set(y, x, (byte)255);
                }
            }
        }
        foreach (var r in exclude)
        {
            mask[r].SetTo(Scalar.All(0));
        }
        FillSmallHoles(mask, 120);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
        Cv2.MorphologyEx(mask, mask, MorphTypes.Open, kernel);
        Cv2.BitwiseAnd(mask, personMask, mask);
        Cv2.ImWrite(Path.Combine(dir, $"{name}.garment.png"), mask);
        using var overlay = photo.Clone();
        using var red = new Mat(photo.Size(), MatType.CV_8UC3, new Scalar(0, 0, 255));
        using var inv = new Mat();
        Cv2.BitwiseNot(mask, inv);
        using var tinted = new Mat();
        Cv2.AddWeighted(photo, 0.45, red, 0.55, 0, tinted);
        tinted.CopyTo(overlay, inv);
        Cv2.ImWrite(Path.Combine(dir, $"{name}.garment-overlay.png"), overlay);
        Console.WriteLine($"{name}: {Cv2.CountNonZero(mask)} garment pixels");
    }

    /// <summary>Holes (background components inside the garment) smaller than <paramref name="maxArea"/> pixels become garment: fold shadows and glints.</summary>
    private static void FillSmallHoles(Mat mask, int maxArea)
    {
        using var inverse = new Mat();
        Cv2.BitwiseNot(mask, inverse);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        var n = Cv2.ConnectedComponentsWithStats(inverse, labels, stats, centroids, PixelConnectivity.Connectivity4);
        var fill = new bool[n];
        for (var i = 1; i < n; i++)
        {
            fill[i] = stats.At<int>(i, (int)ConnectedComponentsTypes.Area) <= maxArea;
        }
        int width = mask.Width, height = mask.Height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (fill[labels.At<int>(y, x)])
                {
                    mask.Set(y, x, (byte)255);
                }
            }
        }
    }
}
