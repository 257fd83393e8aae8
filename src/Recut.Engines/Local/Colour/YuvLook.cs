using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Rendering;

namespace Recut.Engines.Local.Colour;

/// <summary>
/// Every colour change of a plan as three affine maps, one per limited-range Y'CbCr plane, applied by ffmpeg's
/// <c>lutyuv</c> on the video's own planes (no RGB conversion, no 3D LUT: a few table look-ups per pixel). First the
/// statistical transfer (each plane's mean/std moved toward the reference's, blended by strength), then the global
/// looks in a fixed order — brightness, contrast, saturation, warmth, black-and-white, sepia. Maps compose exactly;
/// only the final result is clipped to the legal range (Y 16..235, Cb/Cr 16..240). None of the looks mixes channels
/// (luma changes never need chroma and vice versa), which is why per-plane maps are enough.
/// </summary>
public sealed class YuvLook
{
    public const int LumaMin = 16, LumaMax = 235, ChromaMin = 16, ChromaMax = 240;
    /// <summary>Neutral chroma, and the middle of the luma range that contrast pivots on.</summary>
    public const double Neutral = 128, MidLuma = (LumaMin + LumaMax) / 2.0;
    /// <summary>A flat clip (σ ≈ 0, e.g. one solid colour) would ask for an endless gain; beyond ×3 it is noise.</summary>
    public const double MaxGain = 3.0, MinGain = 1 / 3.0;
    /// <summary>Sepia's warm brown as constant chroma (R &gt; G &gt; B at any luma under BT.601 and BT.709).</summary>
    public const double SepiaCb = 112, SepiaCr = 140;

    private YuvLook(AffineMap y, AffineMap cb, AffineMap cr)
    {
        Y = y;
        Cb = cb;
        Cr = cr;
    }

    public AffineMap Y { get; }
    public AffineMap Cb { get; }
    public AffineMap Cr { get; }

    /// <param name="source">Plane statistics of the clip (needed when <paramref name="look"/> is set or when
    /// <see cref="NeedsClipStatistics"/> says so).</param>
    /// <param name="target">Plane statistics of the reference image, same matrix (needed when <paramref name="look"/> is set).</param>
    public static YuvLook Create(ColourLookOp? look, PlaneStatistics? source, PlaneStatistics? target, IEnumerable<GlobalLookOp> looks)
    {
        ArgumentNullException.ThrowIfNull(looks);
        var ordered = looks.OrderBy(l => Order(l.Look)).ToList();
        if (source is null && NeedsClipStatistics(ordered))
        {
            throw new ArgumentException("black-and-white and sepia need the statistics of the clip");
        }
        AffineMap y = AffineMap.Identity, cb = AffineMap.Identity, cr = AffineMap.Identity;
        if (look is not null)
        {
            if (source is null || target is null)
            {
                throw new ArgumentException("a colour look needs the statistics of the clip and of the reference image");
            }
            var strength = Math.Clamp(look.Strength, 0, 1);
            y = Transfer(source.Y, target.Y, strength);
            cb = Transfer(source.Cb, target.Cb, strength);
            cr = Transfer(source.Cr, target.Cr, strength);
        }
        foreach (var op in ordered)
        {
            var (dy, dcb, dcr) = Maps(op, source?.GreyLift ?? 0);
            (y, cb, cr) = (y.Then(dy), cb.Then(dcb), cr.Then(dcr));
        }
        return new YuvLook(y, cb, cr);
    }

    /// <summary>Black-and-white and sepia give back the lightness that dropping chroma takes (measured on the clip).</summary>
    public static bool NeedsClipStatistics(IEnumerable<GlobalLookOp> looks) =>
        looks.Any(l => l.Look is GlobalLook.Grayscale or GlobalLook.Sepia);

    /// <summary>
    /// The <c>lutyuv</c> filter. Its input must be limited-range 8-bit YUV (the graph puts <c>format=yuv420p</c> first,
    /// which also turns a full-range yuvj420p source into limited range), hence the fixed clip ranges. Only numbers
    /// reach this string; they are still quoted with <see cref="FilterEscaping"/> because the expressions hold commas.
    /// </summary>
    public string ToFilter() =>
        $"lutyuv=y={FilterEscaping.Quote(Y.ToExpression(LumaMin, LumaMax))}"
        + $":u={FilterEscaping.Quote(Cb.ToExpression(ChromaMin, ChromaMax))}"
        + $":v={FilterEscaping.Quote(Cr.ToExpression(ChromaMin, ChromaMax))}";

    /// <summary>Reinhard-style transfer on one plane: p' = (p − μs)·g + μr, then p + s·(p' − p).</summary>
    private static AffineMap Transfer(PlaneMoments source, PlaneMoments target, double strength)
    {
        var gain = Gain(target.StdDev, source.StdDev);
        var moved = new AffineMap(gain, target.Mean - (source.Mean * gain));
        return new AffineMap(1 + (strength * (moved.Gain - 1)), strength * moved.Offset);
    }

    private static double Gain(double target, double source) =>
        source < 1e-6 ? MaxGain : Math.Clamp(target / source, MinGain, MaxGain);

    private static (AffineMap Y, AffineMap Cb, AffineMap Cr) Maps(GlobalLookOp op, double greyLift)
    {
        var a = op.Amount;
        var none = AffineMap.Identity;
        switch (op.Look)
        {
            case GlobalLook.Brightness:
                // Brighter lifts toward white (white stays), darker pulls toward black (black stays).
                return (a >= 0 ? AffineMap.Toward(LumaMax, 0.7 * a) : AffineMap.Toward(LumaMin, -0.7 * a), none, none);
            case GlobalLook.Contrast:
                return (AffineMap.Around(MidLuma, Math.Max(0, 1 + a)), none, none);
            case GlobalLook.Saturation:
                var k = Math.Max(0, 1 + (1.5 * a));
                return (none, AffineMap.Around(Neutral, k), AffineMap.Around(Neutral, k));
            case GlobalLook.Warmth:
                // Warmer: less blue-difference, more red-difference; cooler the opposite.
                return (none, new AffineMap(1, -30 * a), new AffineMap(1, 20 * a));
            case GlobalLook.Grayscale:
                var g = Math.Clamp(a, 0, 1);
                // Greying Y'CbCr darkens saturated colours (non-constant luminance); the clip's mean loss is added back
                // so black-and-white keeps the picture's lightness, as a luminance-based grey would on average.
                return (new AffineMap(1, g * greyLift), AffineMap.Toward(Neutral, g), AffineMap.Toward(Neutral, g));
            case GlobalLook.Sepia:
                var s = Math.Clamp(a, 0, 1);
                // Old prints: a touch more contrast, then one brown hue at every lightness.
                return (new AffineMap(1, s * greyLift).Then(AffineMap.Around(MidLuma, 1 + (0.1 * s))),
                    AffineMap.Toward(SepiaCb, s), AffineMap.Toward(SepiaCr, s));
            default:
                throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    private static int Order(GlobalLook look) => look switch
    {
        GlobalLook.Brightness => 0,
        GlobalLook.Contrast => 1,
        GlobalLook.Saturation => 2,
        GlobalLook.Warmth => 3,
        GlobalLook.Grayscale => 4,
        GlobalLook.Sepia => 5,
        _ => 6,
    };
}
