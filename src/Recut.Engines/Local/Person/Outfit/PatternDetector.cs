using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>What kind of pattern a garment shows.</summary>
public enum PatternKind
{
    /// <summary>One colour (with its shading and a fold or two): colour transfer is enough.</summary>
    None,

    /// <summary>Parallel bands: the edges share one direction.</summary>
    Stripes,

    /// <summary>Bands in two directions at right angles (checks, gingham, plaid).</summary>
    Checks,

    /// <summary>Anything else repeated over the cloth (a print, dots, florals).</summary>
    Print,
}

/// <summary>What the detector measured, for the bench and for tuning.</summary>
/// <param name="EdgeDensity">Share of the region's inner pixels on a sharp colour edge.</param>
/// <param name="MinorShare">Share of the smaller of two Lab clusters.</param>
/// <param name="Separation">CIE76 distance between the two clusters' centres.</param>
/// <param name="Coherence">How much the edges share one orientation (structure tensor, 0..1).</param>
/// <param name="CrossShare">Share of edge energy at the main orientation or at right angles to it.</param>
/// <param name="Evenness">Share of the cells of a 4×4 grid over the region that hold both colour groups.</param>
public sealed record PatternMeasure(double EdgeDensity, double MinorShare, double Separation, double Coherence, double CrossShare, double Evenness)
{
    public override string ToString() =>
        $"edges {EdgeDensity:0.000}, minor {MinorShare:0.00}, separation {Separation:0.0}, coherence {Coherence:0.00}, cross {CrossShare:0.00}, evenness {Evenness:0.00}";
}

/// <summary>
/// Tells a patterned garment from a flat one, on the garment region of a reference picture. Patterned means all
/// four: many sharp colour edges inside the region (shading on lit cloth is soft, a stripe's edge is sharp), two
/// colour groups that both cover a fair share (a fold line or a badge is a small share), clearly apart, and mixed
/// evenly over the region — a pattern repeats everywhere, while a helmet held against a suit or a dark lapel is
/// one colour in one place. The kind comes from how the edges are oriented.
/// </summary>
public static class PatternDetector
{
    /// <summary>Colour change per pixel (CIE76, after a σ = 1 blur) from which a pixel counts as an edge.</summary>
    public const double EdgeStep = 5;
    public const double MinEdgeDensity = 0.05;
    public const double MinMinorShare = 0.15;
    public const double MinSeparation = 18;
    public const double MinEvenness = 0.7;
    private const int Grid = 4;
    private const double StripeCoherence = 0.55;
    private const double CheckCrossShare = 0.7;
    private const int MinPixels = 400;
    private const int Bins = 12;
    private const int MaxSamples = 4000;

    public static (PatternKind Kind, PatternMeasure Measure) Detect(Mat bgr, Mat region)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(region);
        using var inner = new Mat();
        // The silhouette's own outline is an edge too; only the inside says anything about the cloth.
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(7, 7)))
        {
            Cv2.Erode(region, inner, kernel);
        }
        var count = Cv2.CountNonZero(inner);
        if (count < MinPixels)
        {
            return (PatternKind.None, new PatternMeasure(0, 0, 0, 0, 0, 0));
        }
        using var lab = FloatLab(bgr);
        var (density, jxx, jyy, jxy, histogram) = Edges(lab, inner, count);
        var (minor, separation, evenness) = TwoClusters(lab, inner);
        var coherence = jxx + jyy < 1e-9 ? 0 : Math.Sqrt(((jxx - jyy) * (jxx - jyy)) + (4 * jxy * jxy)) / (jxx + jyy);
        var cross = CrossShare(histogram);
        var measure = new PatternMeasure(density, minor, separation, coherence, cross, evenness);
        if (density < MinEdgeDensity || minor < MinMinorShare || separation < MinSeparation || evenness < MinEvenness)
        {
            return (PatternKind.None, measure);
        }
        var kind = coherence >= StripeCoherence ? PatternKind.Stripes : cross >= CheckCrossShare ? PatternKind.Checks : PatternKind.Print;
        return (kind, measure);
    }

    /// <summary>CIE Lab in float (L 0..100), lightly blurred so JPEG blocking and noise are no edges.</summary>
    private static Mat FloatLab(Mat bgr)
    {
        using var f = new Mat();
        bgr.ConvertTo(f, MatType.CV_32FC3, 1 / 255.0);
        var lab = new Mat();
        Cv2.CvtColor(f, lab, ColorConversionCodes.BGR2Lab);
        Cv2.GaussianBlur(lab, lab, new Size(0, 0), 1.0);
        return lab;
    }

    /// <summary>Edge density and the colour structure tensor (Di Zenzo) summed over the edge pixels, plus an orientation histogram.</summary>
    private static (double Density, double Jxx, double Jyy, double Jxy, double[] Histogram) Edges(Mat lab, Mat inner, int count)
    {
        using var gx = new Mat();
        using var gy = new Mat();
        // A 3×3 Sobel answers 4× a one-pixel step.
        Cv2.Sobel(lab, gx, MatType.CV_32F, 1, 0, 3, 0.25);
        Cv2.Sobel(lab, gy, MatType.CV_32F, 0, 1, 3, 0.25);
        var dx = gx.AsSpan<float>();
        var dy = gy.AsSpan<float>();
        using var innerCopy = inner.Clone();
        var mask = innerCopy.AsSpan<byte>();
        double jxx = 0, jyy = 0, jxy = 0;
        var edges = 0;
        var histogram = new double[Bins];
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 0)
            {
                continue;
            }
            double xx = 0, yy = 0, xy = 0;
            for (var c = 0; c < 3; c++)
            {
                var x = dx[(3 * i) + c];
                var y = dy[(3 * i) + c];
                xx += x * x;
                yy += y * y;
                xy += x * y;
            }
            var magnitude = Math.Sqrt(xx + yy);
            if (magnitude < EdgeStep)
            {
                continue;
            }
            edges++;
            jxx += xx;
            jyy += yy;
            jxy += xy;
            // The gradient's orientation, 0..π (a stripe's two edges point opposite ways and are one orientation).
            var theta = 0.5 * Math.Atan2(2 * xy, xx - yy);
            var bin = (int)Math.Floor((theta + (Math.PI / 2)) / Math.PI * Bins) % Bins;
            histogram[bin] += magnitude;
        }
        return (edges / (double)count, jxx, jyy, jxy, histogram);
    }

    /// <summary>Energy at the strongest orientation (±1 bin) and at right angles to it, as a share of all edge energy.</summary>
    private static double CrossShare(double[] histogram)
    {
        var total = histogram.Sum();
        if (total <= 0)
        {
            return 0;
        }
        var peak = Array.IndexOf(histogram, histogram.Max());
        double Around(int b) => histogram[(b + Bins - 1) % Bins] + histogram[b % Bins] + histogram[(b + 1) % Bins];
        return (Around(peak) + Around(peak + (Bins / 2))) / total;
    }

    /// <summary>
    /// Two k-means clusters in Lab: the smaller one's share, how far apart their centres are, and the share of grid
    /// cells (those holding at least half an even share of the region) where both clusters hold 10 % or more.
    /// </summary>
    private static (double MinorShare, double Separation, double Evenness) TwoClusters(Mat lab, Mat inner)
    {
        using var innerCopy = inner.Clone();
        var mask = innerCopy.AsSpan<byte>();
        var pixels = lab.AsSpan<float>();
        var indices = new List<int>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                indices.Add(i);
            }
        }
        using var samples = PixelSamples.EvenRows(pixels, indices, MaxSamples);
        var n = samples.Rows;
        using var labels = new Mat();
        using var centres = new Mat();
        Cv2.SetTheRNG(0x5eed);
        Cv2.Kmeans(samples, 2, labels, new TermCriteria(CriteriaTypes.Eps | CriteriaTypes.MaxIter, 20, 0.5), 2, KMeansFlags.PpCenters, centres);
        var ones = Cv2.CountNonZero(labels);
        var minor = Math.Min(ones, n - ones) / (double)n;
        var c = centres.AsSpan<float>();
        var separation = Math.Sqrt(Math.Pow(c[0] - c[3], 2) + Math.Pow(c[1] - c[4], 2) + Math.Pow(c[2] - c[5], 2));
        return (minor, separation, Evenness(pixels, indices, c, inner));
    }

    private static double Evenness(ReadOnlySpan<float> pixels, List<int> indices, ReadOnlySpan<float> centres, Mat inner)
    {
        var box = Cv2.BoundingRect(inner);
        var width = inner.Width;
        var total = new int[Grid * Grid];
        var first = new int[Grid * Grid];
        foreach (var i in indices)
        {
            int x = i % width, y = i / width;
            var cell = (Math.Min(Grid - 1, (y - box.Y) * Grid / Math.Max(1, box.Height)) * Grid) + Math.Min(Grid - 1, (x - box.X) * Grid / Math.Max(1, box.Width));
            float d0 = 0, d1 = 0;
            for (var ch = 0; ch < 3; ch++)
            {
                var v = pixels[(3 * i) + ch];
                d0 += (v - centres[ch]) * (v - centres[ch]);
                d1 += (v - centres[3 + ch]) * (v - centres[3 + ch]);
            }
            total[cell]++;
            first[cell] += d0 <= d1 ? 1 : 0;
        }
        // "Half an even share", not "half the cell": a diagonal band or a sleeve still has cells that count.
        var cellArea = indices.Count / (double)(Grid * Grid);
        int cells = 0, mixed = 0;
        for (var k = 0; k < total.Length; k++)
        {
            if (total[k] < cellArea / 2)
            {
                continue;
            }
            cells++;
            var share = first[k] / (double)total[k];
            mixed += share is >= 0.1 and <= 0.9 ? 1 : 0;
        }
        return cells == 0 ? 0 : mixed / (double)cells;
    }
}
