using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Robust colour statistics of a region in OpenCV's 8-bit Lab (L 0..255, a and b offset by 128): medians, and
/// the interquartile spread of L scaled to a standard deviation. Medians keep a black helmet or a white collar
/// from dragging the "clothing colour" away from the cloth itself.
/// </summary>
public readonly record struct LabStats(double CentreL, double SpreadL, double CentreA, double CentreB)
{
    /// <summary>Statistics of the pixels of <paramref name="bgr"/> where <paramref name="mask"/> is set; null when it is empty.</summary>
    public static LabStats? Measure(Mat bgr, Mat mask)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        // cvtColor writes a continuous Mat; the mask may be a view into a larger one.
        using var maskCopy = mask.IsContinuous() ? null : mask.Clone();
        var pixels = lab.AsSpan<byte>();
        var selected = (maskCopy ?? mask).AsSpan<byte>();
        var histL = new int[256];
        var histA = new int[256];
        var histB = new int[256];
        var count = 0;
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i] == 0)
            {
                continue;
            }
            histL[pixels[3 * i]]++;
            histA[pixels[(3 * i) + 1]]++;
            histB[pixels[(3 * i) + 2]]++;
            count++;
        }
        if (count == 0)
        {
            return null;
        }
        var spread = (Percentile(histL, count, 0.75) - Percentile(histL, count, 0.25)) / 1.349;
        return new LabStats(Percentile(histL, count, 0.5), spread, Percentile(histA, count, 0.5), Percentile(histB, count, 0.5));
    }

    /// <summary>The medians as a Lab point.</summary>
    public Vec3f Centre => new((float)CentreL, (float)CentreA, (float)CentreB);

    /// <summary>The centre as sRGB #rrggbb (for the plan's words).</summary>
    public string Hex
    {
        get
        {
            using var pixel = new Mat(1, 1, MatType.CV_8UC3, new Scalar(CentreL, CentreA, CentreB));
            using var bgr = new Mat();
            Cv2.CvtColor(pixel, bgr, ColorConversionCodes.Lab2BGR);
            var v = bgr.At<Vec3b>(0, 0);
            return $"#{v.Item2:x2}{v.Item1:x2}{v.Item0:x2}";
        }
    }

    /// <summary>Chroma of the centre (distance from neutral grey in a/b).</summary>
    public double Chroma => Math.Sqrt(((CentreA - 128) * (CentreA - 128)) + ((CentreB - 128) * (CentreB - 128)));

    /// <summary>A flat colour (a swatch or a colour named in words): no shading of its own.</summary>
    public static LabStats Flat(byte b, byte g, byte r)
    {
        using var pixel = new Mat(1, 1, MatType.CV_8UC3, new Scalar(b, g, r));
        using var lab = new Mat();
        Cv2.CvtColor(pixel, lab, ColorConversionCodes.BGR2Lab);
        var v = lab.At<Vec3b>(0, 0);
        return new LabStats(v.Item0, 0, v.Item1, v.Item2);
    }

    /// <summary>Moves part of the way toward <paramref name="next"/> (exponential smoothing over frames).</summary>
    public LabStats Toward(LabStats next, double weight) => new(
        CentreL + (weight * (next.CentreL - CentreL)),
        SpreadL + (weight * (next.SpreadL - SpreadL)),
        CentreA + (weight * (next.CentreA - CentreA)),
        CentreB + (weight * (next.CentreB - CentreB)));

    private static double Percentile(int[] histogram, int count, double q)
    {
        var target = q * count;
        var seen = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= target)
            {
                return v;
            }
        }
        return histogram.Length - 1;
    }
}
