using System.Numerics;
using OpenCvSharp;
using Recut.Engines.Local.Person.Imaging;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// The person matte at frame size, refined against the frame, and a composite that does not bleed the old
/// background into the new one:
/// <list type="number">
/// <item>the coarse, temporally smoothed model mask is run through a <see cref="GuidedFilter"/> on a grey copy of
/// the frame (long side <see cref="MaskOptions.EdgeGuideSide"/>), so its edge follows the picture's edges, then
/// upsampled bilinearly;</item>
/// <item>at a quarter of that size, the local person colour F̄ and old-background colour B̄ around every pixel
/// are estimated by normalised box filters weighted by α and 1 − α;</item>
/// <item>an edge pixel I = αF + (1 − α)B is taken for F ≈ I − (1 − α)(B̄ − F̄): the old background's share is
/// swapped for the person's own colour while the pixel's detail (a hair strand) stays, and then blended over
/// the new background with α. No division by α, so it is stable where α is small.</item>
/// </list>
/// Per frame it reuses every buffer; the last loop is integer arithmetic with fast paths for α = 0 and 255.
/// </summary>
public sealed class EdgeMatte : IDisposable
{
    private const int ColourRadius = 4;
    private readonly Size _frame;
    private readonly Size _guide;
    private readonly Size _quarter;
    private readonly GuidedFilter _filter;
    private readonly Downscale _downscale = new();
    private readonly Mat _guideBgr = new();
    private readonly Mat _grey8 = new();
    private readonly Mat _grey = new();
    private readonly Mat _p8 = new();
    private readonly Mat _p = new();
    private readonly Mat _q = new();
    private readonly Mat _alphaGuide = new();
    private readonly Mat _qBgr = new();
    private readonly Mat _qBgrF = new();
    private readonly Mat _qAlpha8 = new();
    private readonly Mat _qAlphaF = new();
    private readonly Mat _qAlpha3 = new();
    private readonly Mat _weighted = new();
    private readonly Mat _sumColour = new();
    private readonly Mat _sumWeight = new();
    private readonly Mat _fg = new();
    private readonly Mat _bg = new();
    private readonly Mat _difference = new();
    private readonly double _contrast;
    private readonly ColourLineMatte? _colourLine;
    private readonly int[] _xq;
    private readonly int[] _yq;

    public EdgeMatte(Size frame, MaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frame = frame;
        var scale = Math.Min(1, options.EdgeGuideSide / (double)Math.Max(frame.Width, frame.Height));
        _guide = new Size(Math.Max(8, (int)Math.Round(frame.Width * scale)), Math.Max(8, (int)Math.Round(frame.Height * scale)));
        _quarter = new Size(Math.Max(4, _guide.Width / 2), Math.Max(4, _guide.Height / 2));
        // The radius is set in frame pixels (what an edge error is measured in), then brought to guide pixels.
        _contrast = options.EdgeContrast;
        _filter = new GuidedFilter(Math.Max(1, (int)Math.Round(options.EdgeRadius * scale)), options.EdgeEpsilon);
        _colourLine = options.ColourLine ? new ColourLineMatte(options.ColourLineBand) : null;
        _xq = Enumerable.Range(0, frame.Width).Select(x => Math.Min(_quarter.Width - 1, x * _quarter.Width / frame.Width)).ToArray();
        _yq = Enumerable.Range(0, frame.Height).Select(y => Math.Min(_quarter.Height - 1, y * _quarter.Height / frame.Height)).ToArray();
        Alpha = new Mat(frame, MatType.CV_8UC1, Scalar.All(0));
    }

    /// <summary>The last refined matte at frame size (CV_8UC1, 255 = person).</summary>
    public Mat Alpha { get; }

    /// <summary>Refines <paramref name="coarse"/> (model size) against <paramref name="frame"/> into <see cref="Alpha"/>; estimates edge colours.</summary>
    public void Refine(Mat frame, Mat coarse)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(coarse);
        if (_guide == _frame)
        {
            frame.CopyTo(_guideBgr);
        }
        else
        {
            _downscale.To(frame, _guideBgr, _guide);
        }
        Cv2.CvtColor(_guideBgr, _grey8, ColorConversionCodes.BGR2GRAY);
        _grey8.ConvertTo(_grey, MatType.CV_32F, 1 / 255.0);
        Cv2.Resize(coarse, _p8, _guide, 0, 0, InterpolationFlags.Linear);
        _p8.ConvertTo(_p, MatType.CV_32F, 1 / 255.0);
        _filter.Apply(_grey, _p, _q);
        // (q − ½)·k + ½ in 0..255, saturated by the conversion.
        _q.ConvertTo(_alphaGuide, MatType.CV_8U, 255.0 * _contrast, 127.5 * (1 - _contrast));
        _colourLine?.Apply(_guideBgr, _alphaGuide);
        Cv2.Resize(_alphaGuide, Alpha, _frame, 0, 0, InterpolationFlags.Linear);
        EstimateColours();
    }

    /// <summary>
    /// B̄ − F̄ at quarter size (CV_32FC3): how much the old background differs from the person nearby. Three box
    /// filters give both means: Σ(1 − α)I = ΣI − ΣαI and Σ(1 − α) = 1 − Σα (normalised boxes).
    /// </summary>
    private void EstimateColours()
    {
        var box = new Size((2 * ColourRadius) + 1, (2 * ColourRadius) + 1);
        Cv2.Resize(_guideBgr, _qBgr, _quarter, 0, 0, InterpolationFlags.Area);
        Cv2.Resize(_alphaGuide, _qAlpha8, _quarter, 0, 0, InterpolationFlags.Area);
        _qBgr.ConvertTo(_qBgrF, MatType.CV_32FC3);
        _qAlpha8.ConvertTo(_qAlphaF, MatType.CV_32F, 1 / 255.0);
        Cv2.BoxFilter(_qAlphaF, _qAlphaF, MatType.CV_32F, box, new Point(-1, -1), true, BorderTypes.Reflect);
        Cv2.CvtColor(_qAlphaF, _sumWeight, ColorConversionCodes.GRAY2BGR);
        Cv2.CvtColor(_qAlpha8, _qAlpha3, ColorConversionCodes.GRAY2BGR);
        Cv2.Multiply(_qBgrF, _qAlpha3, _weighted, 1 / 255.0, MatType.CV_32FC3.Value);
        Cv2.BoxFilter(_weighted, _sumColour, MatType.CV_32F, box, new Point(-1, -1), true, BorderTypes.Reflect);
        Cv2.BoxFilter(_qBgrF, _bg, MatType.CV_32F, box, new Point(-1, -1), true, BorderTypes.Reflect);
        Cv2.Subtract(_bg, _sumColour, _bg);
        // F̄ = ΣαI / Σα, B̄ = Σ(1 − α)I / Σ(1 − α); a small floor keeps empty windows finite (they are never read).
        // ConvertTo's scale and offset, not Cv2.Add/Subtract with a Scalar: through OpenCvSharp those took ~7 ms each
        // on this 320×180×3 float image (a slow path for the scalar operand), ConvertTo well under one.
        _sumWeight.ConvertTo(_fg, MatType.CV_32FC3, 1, 1e-3);
        Cv2.Divide(_sumColour, _fg, _fg);
        _sumWeight.ConvertTo(_sumWeight, MatType.CV_32FC3, -1, 1.001);
        Cv2.Divide(_bg, _sumWeight, _bg);
        Cv2.Subtract(_bg, _fg, _difference);
    }

    /// <summary>
    /// In place: <paramref name="frame"/> (BGR24) becomes the person, colour-corrected at the edge, over
    /// <paramref name="background"/> (BGR24, frame size) through <see cref="Alpha"/>.
    /// </summary>
    public void Composite(Span<byte> frame, ReadOnlySpan<byte> background)
    {
        var alpha = Alpha.AsSpan<byte>();
        var step = Vector<byte>.Count;
        var opaque = new Vector<byte>(255);
        int width = _frame.Width, height = _frame.Height;
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            var x = 0;
            // Most of a row is sure person or sure background: skip or copy a vector's worth of pixels at once.
            while (x < width)
            {
                if (x + step <= width)
                {
                    var v = new Vector<byte>(alpha.Slice(row + x, step));
                    if (v == opaque)
                    {
                        x += step;
                        continue;
                    }
                    if (v == Vector<byte>.Zero)
                    {
                        background.Slice(3 * (row + x), 3 * step).CopyTo(frame.Slice(3 * (row + x), 3 * step));
                        x += step;
                        continue;
                    }
                }
                var end = Math.Min(width, x + step);
                EdgePixels(frame, background, alpha, y, x, end);
                x = end;
            }
        }
    }

    /// <summary>Pixels <paramref name="x0"/>..<paramref name="x1"/> of row <paramref name="y"/>, one by one.</summary>
    private void EdgePixels(Span<byte> frame, ReadOnlySpan<byte> background, ReadOnlySpan<byte> alpha, int y, int x0, int x1)
    {
        var d = _difference.AsSpan<float>();
        var row = y * _frame.Width;
        var qRow = _yq[y] * _quarter.Width;
        for (var x = x0; x < x1; x++)
        {
            var i = row + x;
            int a = alpha[i];
            if (a == 255)
            {
                continue;
            }
            var p = 3 * i;
            if (a == 0)
            {
                frame[p] = background[p];
                frame[p + 1] = background[p + 1];
                frame[p + 2] = background[p + 2];
                continue;
            }
            var q = 3 * (qRow + _xq[x]);
            var inv = 255 - a;
            for (var c = 0; c < 3; c++)
            {
                // F ≈ I − (1 − α)(B̄ − F̄), then αF + (1 − α)·new background.
                var f = Math.Clamp(frame[p + c] - (int)(inv * d[q + c] / 255f), 0, 255);
                frame[p + c] = (byte)(((f * a) + (background[p + c] * inv) + 127) / 255);
            }
        }
    }

    public void Dispose()
    {
        _filter.Dispose();
        _colourLine?.Dispose();
        _downscale.Dispose();
        foreach (var m in new[] { _guideBgr, _grey8, _grey, _p8, _p, _q, _alphaGuide, _qBgr, _qBgrF, _qAlpha8, _qAlphaF, _qAlpha3, _weighted, _sumColour, _sumWeight, _fg, _bg, _difference, Alpha })
        {
            m.Dispose();
        }
    }
}
