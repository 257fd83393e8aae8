using OpenCvSharp;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// Moves a matte's edge to where the colours say it is, which a small guided filter cannot do when the model put
/// the edge several pixels off. In a band either side of the edge, the local person colour F̄ and background
/// colour B̄ are the means of the sure regions nearby (box filters beyond the band); a pixel I = αF + (1 − α)B
/// then gives α = (I − B̄)·(F̄ − B̄) / |F̄ − B̄|² ("colour line" or sampling matting), the last 8 % either way
/// snapped to 0 or 1. It is trusted
/// as far as F̄ and B̄ differ (|F̄ − B̄| from <see cref="LowContrast"/> to <see cref="HighContrast"/>) and the pixel
/// lies near the line between them (a third colour — a badge, a glint — keeps the guided α).
/// All at guide size (640 px long side at 720p), so it costs little.
/// </summary>
public sealed class ColourLineMatte : IDisposable
{
    /// <summary>|F̄ − B̄| (0..255 BGR units) below which the colours say nothing about α, and above which they are trusted fully.</summary>
    public const float LowContrast = 30, HighContrast = 90;
    private const float MinWeight = 0.05f;
    private const float Snap = 0.08f;
    private readonly Mat _kernel;
    private readonly Size _box;
    private readonly Mat _hard = new();
    private readonly Mat _grown = new();
    private readonly Mat _shrunk = new();
    private readonly Mat _image = new();
    private readonly Mat _fMask = new();
    private readonly Mat _bMask = new();
    private readonly Mat _mask3 = new();
    private readonly Mat _weighted = new();
    private readonly Mat _fSum = new();
    private readonly Mat _bSum = new();
    private readonly Mat _fWeight = new();
    private readonly Mat _bWeight = new();

    /// <param name="band">Half-width of the band in guide pixels; the colour windows reach twice as far and a little more.</param>
    public ColourLineMatte(int band)
    {
        _kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * band) + 1, (2 * band) + 1));
        var radius = (2 * band) + 2;
        _box = new Size((2 * radius) + 1, (2 * radius) + 1);
    }

    /// <summary>Updates <paramref name="alpha"/> (CV_8UC1) in place in the band round its edge, from <paramref name="bgr"/> (CV_8UC3, same size).</summary>
    public void Apply(Mat bgr, Mat alpha)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(alpha);
        Cv2.Threshold(alpha, _hard, 127, 255, ThresholdTypes.Binary);
        Cv2.Dilate(_hard, _grown, _kernel);
        Cv2.Erode(_hard, _shrunk, _kernel);
        // Only the band's surroundings are filtered: the box round the grown person plus one box radius, where every
        // window a band pixel reads lies whole, so the sums there are what the whole picture would give.
        var grownBox = Cv2.BoundingRect(_grown);
        if (grownBox.Width == 0 || grownBox.Height == 0)
        {
            return;
        }
        var reach = (_box.Width / 2) + 1;
        var roi = Rect.FromLTRB(Math.Max(0, grownBox.Left - reach), Math.Max(0, grownBox.Top - reach),
            Math.Min(alpha.Width, grownBox.Right + reach), Math.Min(alpha.Height, grownBox.Bottom + reach));
        using (var bgrView = new Mat(bgr, roi))
        using (var shrunkView = new Mat(_shrunk, roi))
        using (var grownView = new Mat(_grown, roi))
        {
            bgrView.ConvertTo(_image, MatType.CV_32FC3);
            shrunkView.ConvertTo(_fMask, MatType.CV_32F, 1 / 255.0);
            grownView.ConvertTo(_bMask, MatType.CV_32F, -1 / 255.0, 1);
        }
        Mean(_fMask, _fSum, _fWeight);
        Mean(_bMask, _bSum, _bWeight);
        var a = alpha.AsSpan<byte>();
        var grown = _grown.AsSpan<byte>();
        var shrunk = _shrunk.AsSpan<byte>();
        var image = _image.AsSpan<float>();
        var fSum = _fSum.AsSpan<float>();
        var bSum = _bSum.AsSpan<float>();
        var fWeight = _fWeight.AsSpan<float>();
        var bWeight = _bWeight.AsSpan<float>();
        Span<float> d = stackalloc float[3];
        Span<float> e = stackalloc float[3];
        for (var y = 0; y < roi.Height; y++)
        {
            for (var x = 0; x < roi.Width; x++)
            {
                var i = ((roi.Y + y) * alpha.Width) + roi.X + x; // in the whole matte
                var j = (y * roi.Width) + x;                     // in the filtered window
                if (grown[i] == 0 || shrunk[i] != 0 || fWeight[j] < MinWeight || bWeight[j] < MinWeight)
                {
                    continue;
                }
                float dot = 0, length2 = 0, offset2 = 0;
                for (var c = 0; c < 3; c++)
                {
                    var f = fSum[(3 * j) + c] / fWeight[j];
                    var b = bSum[(3 * j) + c] / bWeight[j];
                    d[c] = f - b;
                    e[c] = image[(3 * j) + c] - b;
                    dot += d[c] * e[c];
                    length2 += d[c] * d[c];
                }
                var length = MathF.Sqrt(length2);
                if (length <= LowContrast)
                {
                    continue;
                }
                var t = dot / length2;
                for (var c = 0; c < 3; c++)
                {
                    var r = e[c] - (t * d[c]);
                    offset2 += r * r;
                }
                var trust = Math.Clamp((length - LowContrast) / (HighContrast - LowContrast), 0, 1)
                    * Math.Clamp(1 - (MathF.Sqrt(offset2) / length), 0, 1);
                // The last few percent either way are noise; snapping them keeps sure pixels at exactly 0 or 255, which
                // the composite skips 32 at a time, and keeps a trace of old background out of the person.
                var colourAlpha = Math.Clamp((t - Snap) / (1 - (2 * Snap)), 0, 1) * 255;
                a[i] = (byte)Math.Clamp(MathF.Round((trust * colourAlpha) + ((1 - trust) * a[i])), 0, 255);
            }
        }
    }

    /// <summary>Box sums (normalised) of the image weighted by <paramref name="mask"/>, and of the mask.</summary>
    private void Mean(Mat mask, Mat sum, Mat weight)
    {
        Cv2.CvtColor(mask, _mask3, ColorConversionCodes.GRAY2BGR);
        Cv2.Multiply(_image, _mask3, _weighted);
        Cv2.BoxFilter(_weighted, sum, MatType.CV_32F, _box, new Point(-1, -1), true, BorderTypes.Reflect);
        Cv2.BoxFilter(mask, weight, MatType.CV_32F, _box, new Point(-1, -1), true, BorderTypes.Reflect);
    }

    public void Dispose()
    {
        foreach (var m in new[] { _kernel, _hard, _grown, _shrunk, _image, _fMask, _bMask, _mask3, _weighted, _fSum, _bSum, _fWeight, _bWeight })
        {
            m.Dispose();
        }
    }
}
