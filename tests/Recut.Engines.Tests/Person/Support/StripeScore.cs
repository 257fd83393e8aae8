using OpenCvSharp;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>
/// Whether a garment shows a two-colour stripe pattern, measured inside the true garment (eroded, so the mask
/// edge does not count) on chroma — the pixel's (a*, b*) projected onto the line from stripe colour B's to A's,
/// in CIE units along it: the pattern's own colour, which the video's lighting does not change.
/// </summary>
/// <param name="ShareA">Share of garment pixels nearer stripe colour A than B on that line.</param>
/// <param name="Anisotropy">Mean |∂t/∂x| over mean |∂t/∂y| (t the projection): above 1 for vertical stripes, below for horizontal.</param>
/// <param name="Period">Lag (px) of the first horizontal autocorrelation peak of t, 0 when none.</param>
/// <param name="Contrast">Mean t of the A pixels minus that of the B pixels (the chroma distance of A and B when fully there).</param>
/// <param name="ShadingR">Pearson r of L* before and after over the A pixels: the source's shading kept.</param>
public sealed record StripeScore(double ShareA, double Anisotropy, int Period, double Contrast, double ShadingR)
{
    public override string ToString() =>
        $"share A {ShareA:0.00}, anisotropy {Anisotropy:0.0}, period {Period} px, a* contrast {Contrast:0.0}, shading r {ShadingR:0.00}";

    public static StripeScore Measure(Mat before, Mat after, Mat truth, Scalar a, Scalar b, int maxLag = 200)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(truth);
        using var inner = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(9, 9)))
        {
            Cv2.Erode(truth, inner, kernel);
        }
        using var labBefore = ColourDifference.Lab(before);
        using var labAfter = ColourDifference.Lab(after);
        using var t = Project(labAfter, ColourDifference.Lab(a), ColourDifference.Lab(b));
        var aStar = Chroma(ColourDifference.Lab(a), ColourDifference.Lab(a), ColourDifference.Lab(b));
        var bStar = 0f;
        int width = after.Width, height = after.Height;
        long n = 0, nA = 0;
        double sumA = 0, sumB = 0, gx = 0, gy = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var y = 1; y < height; y++)
        {
            for (var x = 1; x < width; x++)
            {
                if (inner.At<byte>(y, x) < 128 || inner.At<byte>(y - 1, x) < 128 || inner.At<byte>(y, x - 1) < 128)
                {
                    continue;
                }
                var p = labAfter.At<Vec3f>(y, x);
                var v = t.At<float>(y, x);
                n++;
                gx += Math.Abs(v - t.At<float>(y, x - 1));
                gy += Math.Abs(v - t.At<float>(y - 1, x));
                if (Math.Abs(v - aStar) < Math.Abs(v - bStar))
                {
                    nA++;
                    sumA += v;
                    var l0 = labBefore.At<Vec3f>(y, x).Item0;
                    sx += l0;
                    sy += p.Item0;
                    sxx += l0 * l0;
                    syy += p.Item0 * p.Item0;
                    sxy += l0 * p.Item0;
                }
                else
                {
                    sumB += v;
                }
            }
        }
        var nB = Math.Max(1, n - nA);
        var k = Math.Max(1, nA);
        var cov = (sxy / k) - ((sx / k) * (sy / k));
        var r = cov / Math.Sqrt(Math.Max(1e-9, ((sxx / k) - Math.Pow(sx / k, 2)) * ((syy / k) - Math.Pow(sy / k, 2))));
        return new StripeScore(nA / (double)Math.Max(1, n), gx / Math.Max(1e-9, gy), FindPeriod(t, inner, maxLag),
            (sumA / k) - (sumB / nB), r);
    }

    /// <summary>(a*, b*) of every pixel projected onto the line from <paramref name="b"/> to <paramref name="a"/> (CV_32FC1, CIE units from b).</summary>
    private static Mat Project(Mat lab, Vec3f a, Vec3f b)
    {
        var result = new Mat(lab.Size(), MatType.CV_32FC1);
        int width = lab.Width, height = lab.Height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                result.Set(y, x, Chroma(lab.At<Vec3f>(y, x), a, b));
            }
        }
        return result;
    }

    private static float Chroma(Vec3f p, Vec3f a, Vec3f b)
    {
        var da = a.Item1 - b.Item1;
        var db = a.Item2 - b.Item2;
        var length = MathF.Sqrt((da * da) + (db * db));
        return (((p.Item1 - b.Item1) * da) + ((p.Item2 - b.Item2) * db)) / Math.Max(1e-3f, length);
    }

    /// <summary>The lag of the first autocorrelation maximum of t along rows, over runs of garment pixels.</summary>
    private static int FindPeriod(Mat lab, Mat inner, int maxLag)
    {
        int width = lab.Width, height = lab.Height;
        var num = new double[maxLag + 1];
        var den = new double[maxLag + 1];
        double mean = 0;
        long count = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (inner.At<byte>(y, x) >= 128)
                {
                    mean += lab.At<float>(y, x);
                    count++;
                }
            }
        }
        mean /= Math.Max(1, count);
        for (var y = 0; y < height; y += 2)
        {
            for (var x = 0; x < width; x++)
            {
                if (inner.At<byte>(y, x) < 128)
                {
                    continue;
                }
                var v = lab.At<float>(y, x) - mean;
                for (var lag = 1; lag <= maxLag && x + lag < width; lag++)
                {
                    if (inner.At<byte>(y, x + lag) < 128)
                    {
                        break;
                    }
                    num[lag] += v * (lab.At<float>(y, x + lag) - mean);
                    den[lag] += 1;
                }
            }
        }
        var corr = new double[maxLag + 1];
        for (var lag = 1; lag <= maxLag; lag++)
        {
            corr[lag] = den[lag] > 200 ? num[lag] / den[lag] : double.NaN;
        }
        // First the correlation must go negative (half a period), then its first maximum is the period.
        var lagAt = 1;
        while (lagAt < maxLag && !(corr[lagAt] < 0))
        {
            lagAt++;
        }
        var best = 0;
        var bestValue = 0.0;
        for (var lag = lagAt; lag <= maxLag; lag++)
        {
            if (double.IsNaN(corr[lag]))
            {
                break;
            }
            if (corr[lag] > bestValue)
            {
                bestValue = corr[lag];
                best = lag;
            }
            else if (best > 0 && corr[lag] < 0)
            {
                break;
            }
        }
        return best;
    }
}
