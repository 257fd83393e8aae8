using OpenCvSharp;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>
/// How well an outfit recolour did on a still portrait, against its hand-checked garment mask
/// (Person/Fixtures/*.garment.png).
/// </summary>
/// <param name="IoU">Garment region (the processor's blend mask at one half) against the truth garment.</param>
/// <param name="DeltaInside">Mean CIEDE2000 inside the truth garment, after vs the target colour.</param>
/// <param name="DeltaOutside">Mean CIEDE2000 outside the truth garment (grown by 3 px), after vs before.</param>
/// <param name="LumaR">Pearson r of L* before and after where the garment was fully recoloured: shading kept.</param>
public sealed record GarmentScore(double IoU, double DeltaInside, double DeltaOutside, double LumaR)
{
    public override string ToString() => $"IoU {IoU:0.000}, ΔE inside {DeltaInside:0.0}, ΔE outside {DeltaOutside:0.00}, luma r {LumaR:0.00}";
}

public static class GarmentMetrics
{
    /// <summary>The garment truth mask beside a portrait's person mask (grace_hopper.mask.png → grace_hopper.garment.png).</summary>
    public static string TruthPath(PersonPhoto person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Path.Combine(Path.GetDirectoryName(person.MaskPath)!, person.Name + ".garment.png");
    }

    /// <summary>Scores one result; <paramref name="mask"/> is the processor's garment mask (CV_8UC1, frame size).</summary>
    public static GarmentScore Score(Mat before, Mat after, Mat mask, Mat truth, Vec3f target)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(truth);
        using var labBefore = ColourDifference.Lab(before);
        using var labAfter = ColourDifference.Lab(after);
        using var outside = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(7, 7));
        Cv2.Dilate(truth, outside, kernel);
        int width = before.Width, height = before.Height;
        long inter = 0, union = 0, nIn = 0, nOut = 0, nR = 0;
        double dIn = 0, dOut = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var t = truth.At<byte>(y, x) > 127;
                var m = mask.At<byte>(y, x);
                inter += t && m > 127 ? 1 : 0;
                union += t || m > 127 ? 1 : 0;
                var a = labAfter.At<Vec3f>(y, x);
                if (t)
                {
                    dIn += ColourDifference.Delta(a, target);
                    nIn++;
                    if (m >= 250)
                    {
                        // Shading is judged where the garment was fully recoloured; region misses are the IoU's business.
                        var b = labBefore.At<Vec3f>(y, x);
                        nR++;
                        sx += b.Item0;
                        sy += a.Item0;
                        sxx += b.Item0 * b.Item0;
                        syy += a.Item0 * a.Item0;
                        sxy += b.Item0 * a.Item0;
                    }
                }
                else if (outside.At<byte>(y, x) == 0)
                {
                    dOut += ColourDifference.Delta(a, labBefore.At<Vec3f>(y, x));
                    nOut++;
                }
            }
        }
        nR = Math.Max(1, nR);
        var cov = (sxy / nR) - ((sx / nR) * (sy / nR));
        var r = cov / Math.Sqrt(Math.Max(1e-9, ((sxx / nR) - Math.Pow(sx / nR, 2)) * ((syy / nR) - Math.Pow(sy / nR, 2))));
        return new GarmentScore(inter / (double)Math.Max(1, union), dIn / Math.Max(1, nIn), dOut / Math.Max(1, nOut), r);
    }

    /// <summary>Median CIE Lab of <paramref name="photo"/> under <paramref name="mask"/>: a photographed garment's colour.</summary>
    public static Vec3f MedianLab(Mat photo, Mat mask)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(mask);
        using var lab = ColourDifference.Lab(photo);
        var l = new List<float>();
        var a = new List<float>();
        var b = new List<float>();
        int width = photo.Width, height = photo.Height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (mask.At<byte>(y, x) > 127)
                {
                    var p = lab.At<Vec3f>(y, x);
                    l.Add(p.Item0);
                    a.Add(p.Item1);
                    b.Add(p.Item2);
                }
            }
        }
        static float Median(List<float> v) => v.Order().ElementAt(v.Count / 2);
        return new Vec3f(Median(l), Median(a), Median(b));
    }
}
