using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Makes a pattern tile repeat without a seam. Along each axis the tile is either uniform (each line across it is
/// one colour: vertical stripes seen along y), periodic (a clear autocorrelation peak: stripes, checks) or neither (a
/// print). When both axes are uniform or periodic, the tile is cut to a whole number of periods and wraps round
/// exactly; otherwise it is mirrored at its edges, which shows no seam either but does break a regular repeat
/// (a stripe at the edge turns into a double-width one).
/// </summary>
public static class PatternRepeat
{
    private const double UniformShare = 0.05;
    private const double MinPeak = 0.6;
    private const int MinPeriod = 3;

    /// <summary>The tile to repeat (the input itself or a new crop of it) and the border mode to repeat it with.</summary>
    public static (Mat Tile, BorderTypes Border) Prepare(Mat bgrTile)
    {
        ArgumentNullException.ThrowIfNull(bgrTile);
        using var lab = new Mat();
        Cv2.CvtColor(bgrTile, lab, ColorConversionCodes.BGR2Lab);
        using var f = new Mat();
        lab.ConvertTo(f, MatType.CV_32FC3);
        var px = Period(f);
        using var transposed = f.T().ToMat();
        var py = Period(transposed);
        if (px is null || py is null)
        {
            return (bgrTile.Clone(), BorderTypes.Reflect101);
        }
        var width = Whole(bgrTile.Width, px.Value);
        var height = Whole(bgrTile.Height, py.Value);
        return (new Mat(bgrTile, new Rect(0, 0, width, height)).Clone(), BorderTypes.Wrap);
    }

    /// <summary>The largest whole number of periods that fits (the full length when uniform, period 0).</summary>
    private static int Whole(int length, double period) =>
        period <= 0 ? length : Math.Max(1, (int)Math.Round(Math.Floor(length / period) * period));

    /// <summary>The period along rows (0 when every row is uniform), or null when there is none.</summary>
    private static double? Period(Mat lab)
    {
        int width = lab.Width, height = lab.Height;
        using var copy = lab.Clone();
        var v = copy.AsSpan<float>();
        var maxLag = width / 2;
        var num = new double[maxLag + 1];
        double along = 0, total = 0;
        var mean = new double[3];
        for (var i = 0; i < v.Length; i++)
        {
            mean[i % 3] += v[i];
        }
        for (var c = 0; c < 3; c++)
        {
            mean[c] /= width * height;
        }
        for (var i = 0; i < v.Length; i++)
        {
            total += (v[i] - mean[i % 3]) * (v[i] - mean[i % 3]);
        }
        var rowStep = Math.Max(1, height / 64);
        var rows = 0;
        var row = new double[width * 3];
        for (var y = 0; y < height; y += rowStep)
        {
            rows++;
            var rowMean = new double[3];
            for (var x = 0; x < width * 3; x++)
            {
                rowMean[x % 3] += v[(y * width * 3) + x];
            }
            for (var x = 0; x < width * 3; x++)
            {
                row[x] = v[(y * width * 3) + x] - (rowMean[x % 3] / width);
                along += row[x] * row[x];
            }
            for (var lag = 1; lag <= maxLag; lag++)
            {
                double s = 0;
                for (var x = 0; x + lag < width; x++)
                {
                    var a = 3 * x;
                    var b = 3 * (x + lag);
                    s += (row[a] * row[b]) + (row[a + 1] * row[b + 1]) + (row[a + 2] * row[b + 2]);
                }
                num[lag] += s / (width - lag);
            }
        }
        var variance = along / (rows * width);
        if (along * rowStep < UniformShare * total || variance <= 1e-6)
        {
            return 0;
        }
        var r = new double[maxLag + 1];
        for (var lag = 1; lag <= maxLag; lag++)
        {
            r[lag] = num[lag] / rows / variance;
        }
        var start = 1;
        while (start < maxLag && r[start] >= 0)
        {
            start++;
        }
        var best = -1;
        for (var lag = Math.Max(start, MinPeriod); lag < maxLag; lag++)
        {
            if (best < 0 || r[lag] > r[best])
            {
                best = lag;
            }
        }
        if (best < 0 || r[best] < MinPeak || best >= maxLag)
        {
            return null;
        }
        // The peak to a fraction of a pixel (a parabola through it and its neighbours).
        var (l, m, n) = (r[best - 1], r[best], r[best + 1]);
        var denominator = l - (2 * m) + n;
        return best + (Math.Abs(denominator) < 1e-9 ? 0 : 0.5 * (l - n) / denominator);
    }
}
