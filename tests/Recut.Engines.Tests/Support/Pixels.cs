using Recut.TestSupport;

namespace Recut.Engines.Tests.Support;

/// <summary>Measurements on decoded frames for asserting what an edit did.</summary>
internal static class Pixels
{
    /// <summary>Mean of max(|R−G|, |G−B|, |R−B|): 0 for a grey picture.</summary>
    public static double GreyDeviation(RgbFrame f)
    {
        double sum = 0;
        for (var i = 0; i < f.Rgb.Length; i += 3)
        {
            int r = f.Rgb[i], g = f.Rgb[i + 1], b = f.Rgb[i + 2];
            sum += Math.Max(Math.Abs(r - g), Math.Max(Math.Abs(g - b), Math.Abs(r - b)));
        }
        return sum / (f.Rgb.Length / 3);
    }

    /// <summary>Mean Lab chroma √(a²+b²).</summary>
    public static double Chroma(RgbFrame f)
    {
        double sum = 0;
        for (var i = 0; i < f.Rgb.Length; i += 3)
        {
            var (_, a, b) = Lab.FromSrgb(f.Rgb[i], f.Rgb[i + 1], f.Rgb[i + 2]);
            sum += Math.Sqrt((a * a) + (b * b));
        }
        return sum / (f.Rgb.Length / 3);
    }

    /// <summary>Mean squared difference between horizontally neighbouring pixels: falls steeply when a picture is blurred.</summary>
    public static double HighFrequency(RgbFrame f)
    {
        double sum = 0;
        long n = 0;
        for (var y = 0; y < f.Height; y++)
        {
            for (var x = 0; x + 1 < f.Width; x++)
            {
                var i = ((y * f.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var d = f.Rgb[i + c] - f.Rgb[i + 3 + c];
                    sum += d * d;
                }
                n += 3;
            }
        }
        return sum / n;
    }

    /// <summary>Mean absolute difference over a rectangle of two frames of the same size.</summary>
    public static double RegionDiff(RgbFrame a, RgbFrame b, int x0, int y0, int w, int h)
    {
        long sum = 0;
        for (var y = y0; y < y0 + h; y++)
        {
            for (var x = x0; x < x0 + w; x++)
            {
                var i = ((y * a.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    sum += Math.Abs(a.Rgb[i + c] - b.Rgb[i + c]);
                }
            }
        }
        return sum / (double)(w * h * 3);
    }

    /// <summary>The frame flipped left to right.</summary>
    public static RgbFrame Mirrored(RgbFrame f)
    {
        var rgb = new byte[f.Rgb.Length];
        for (var y = 0; y < f.Height; y++)
        {
            for (var x = 0; x < f.Width; x++)
            {
                var from = ((y * f.Width) + x) * 3;
                var to = ((y * f.Width) + (f.Width - 1 - x)) * 3;
                rgb[to] = f.Rgb[from];
                rgb[to + 1] = f.Rgb[from + 1];
                rgb[to + 2] = f.Rgb[from + 2];
            }
        }
        return new RgbFrame(f.Width, f.Height, rgb);
    }
}
