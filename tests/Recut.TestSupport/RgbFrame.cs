namespace Recut.TestSupport;

/// <summary>One decoded frame, packed RGB24 row by row, for pixel assertions.</summary>
public sealed record RgbFrame(int Width, int Height, byte[] Rgb)
{
    /// <summary>Mean R, G, B (0..255) over a rectangle; w/h of -1 mean "to the right/bottom edge".</summary>
    public (double R, double G, double B) MeanRgb(int x0 = 0, int y0 = 0, int w = -1, int h = -1)
    {
        var (x1, y1) = Clip(x0, y0, w, h);
        double r = 0, g = 0, b = 0;
        long n = 0;
        for (var y = y0; y < y1; y++)
        {
            var row = y * Width * 3;
            for (var x = x0; x < x1; x++)
            {
                var i = row + x * 3;
                r += Rgb[i];
                g += Rgb[i + 1];
                b += Rgb[i + 2];
                n++;
            }
        }
        return n == 0 ? (0, 0, 0) : (r / n, g / n, b / n);
    }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        var i = (y * Width + x) * 3;
        return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
    }

    /// <summary>Mean absolute difference per channel value (0..255) against a frame of the same size.</summary>
    public double MeanAbsDiff(RgbFrame other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Width != Width || other.Height != Height)
        {
            throw new ArgumentException($"frame sizes differ: {Width}x{Height} vs {other.Width}x{other.Height}", nameof(other));
        }
        long sum = 0;
        for (var i = 0; i < Rgb.Length; i++)
        {
            sum += Math.Abs(Rgb[i] - other.Rgb[i]);
        }
        return Rgb.Length == 0 ? 0 : (double)sum / Rgb.Length;
    }

    /// <summary>Mean and standard deviation of CIELAB L*, a*, b* (sRGB, D65) over the whole frame.</summary>
    public (double L, double A, double B, double SL, double SA, double SB) LabStats()
    {
        double sl = 0, sa = 0, sb = 0, ql = 0, qa = 0, qb = 0;
        var n = Width * Height;
        for (var i = 0; i < n; i++)
        {
            var (l, a, b) = Lab.FromSrgb(Rgb[i * 3], Rgb[i * 3 + 1], Rgb[i * 3 + 2]);
            sl += l;
            sa += a;
            sb += b;
            ql += l * l;
            qa += a * a;
            qb += b * b;
        }
        if (n == 0)
        {
            return default;
        }
        double Std(double s, double q) => Math.Sqrt(Math.Max(0, q / n - (s / n) * (s / n)));
        return (sl / n, sa / n, sb / n, Std(sl, ql), Std(sa, qa), Std(sb, qb));
    }

    private (int X1, int Y1) Clip(int x0, int y0, int w, int h)
    {
        if (x0 < 0 || y0 < 0 || x0 > Width || y0 > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x0), $"({x0},{y0}) is outside {Width}x{Height}");
        }
        var x1 = w < 0 ? Width : Math.Min(Width, x0 + w);
        var y1 = h < 0 ? Height : Math.Min(Height, y0 + h);
        return (x1, y1);
    }
}
