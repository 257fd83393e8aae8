using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Colour;

/// <summary>
/// Every colour change of a plan as one pure function of an sRGB colour, so it can be baked into a single 3D LUT:
/// first the Reinhard transfer (Lab mean/std of the clip moved toward the reference, blended by strength), then the
/// global looks in a fixed order — brightness, contrast, saturation, warmth, black-and-white, sepia.
/// </summary>
public sealed class ColourTransform
{
    // A reference far flatter or busier than the clip would otherwise blow colours apart; beyond ×3 it is noise.
    private const double MinStdRatio = 1 / 3.0, MaxStdRatio = 3.0;
    // Sepia (Microsoft's widely used matrix, applied to sRGB values).
    private static readonly double[,] Sepia = { { 0.393, 0.769, 0.189 }, { 0.349, 0.686, 0.168 }, { 0.272, 0.534, 0.131 } };

    private readonly Transfer? _transfer;
    private readonly IReadOnlyList<GlobalLookOp> _looks;

    private ColourTransform(Transfer? transfer, IReadOnlyList<GlobalLookOp> looks)
    {
        _transfer = transfer;
        _looks = looks;
    }

    public bool IsIdentity => _transfer is null && _looks.Count == 0;

    /// <param name="source">Statistics of the clip (needed when <paramref name="look"/> is set).</param>
    /// <param name="target">Statistics of the reference image (needed when <paramref name="look"/> is set).</param>
    public static ColourTransform Create(ColourLookOp? look, LabStatistics? source, LabStatistics? target, IEnumerable<GlobalLookOp> looks)
    {
        Transfer? transfer = null;
        if (look is not null)
        {
            if (source is null || target is null)
            {
                throw new ArgumentException("a colour look needs the statistics of the clip and of the reference image");
            }
            transfer = new Transfer(source, target, Math.Clamp(look.Strength, 0, 1));
        }
        var ordered = looks.OrderBy(l => Order(l.Look)).ToList();
        return new ColourTransform(transfer, ordered);
    }

    /// <summary>Maps an sRGB colour (0..1 per channel) to its edited colour, clamped to 0..1.</summary>
    public (double R, double G, double B) Apply(double r, double g, double b)
    {
        if (_transfer is { } t)
        {
            (r, g, b) = t.Apply(r, g, b);
        }
        foreach (var look in _looks)
        {
            (r, g, b) = ApplyLook(look, r, g, b);
        }
        return (Clamp(r), Clamp(g), Clamp(b));
    }

    private static (double, double, double) ApplyLook(GlobalLookOp look, double r, double g, double b)
    {
        var a = look.Amount;
        switch (look.Look)
        {
            case GlobalLook.Brightness:
                // A gamma keeps black and white where they are and lifts (or lowers) everything between.
                var gamma = Math.Pow(2, -1.5 * a);
                return (Math.Pow(r, gamma), Math.Pow(g, gamma), Math.Pow(b, gamma));
            case GlobalLook.Contrast:
                return InLab(r, g, b, lab => lab with { L = Math.Clamp(50 + ((lab.L - 50) * (1 + a)), 0, 100) });
            case GlobalLook.Saturation:
                var k = Math.Max(0, 1 + (1.5 * a));
                return InLab(r, g, b, lab => lab with { A = lab.A * k, B = lab.B * k });
            case GlobalLook.Warmth:
                return InLab(r, g, b, lab => lab with { A = lab.A + (5 * a), B = lab.B + (30 * a) });
            case GlobalLook.Grayscale:
                return InLab(r, g, b, lab => lab with { A = lab.A * (1 - a), B = lab.B * (1 - a) });
            case GlobalLook.Sepia:
                var sr = (Sepia[0, 0] * r) + (Sepia[0, 1] * g) + (Sepia[0, 2] * b);
                var sg = (Sepia[1, 0] * r) + (Sepia[1, 1] * g) + (Sepia[1, 2] * b);
                var sb = (Sepia[2, 0] * r) + (Sepia[2, 1] * g) + (Sepia[2, 2] * b);
                return (Lerp(r, Clamp(sr), a), Lerp(g, Clamp(sg), a), Lerp(b, Clamp(sb), a));
            default:
                throw new ArgumentOutOfRangeException(nameof(look));
        }
    }

    private static (double, double, double) InLab(double r, double g, double b, Func<LabColour, LabColour> change)
    {
        var (nr, ng, nb) = SrgbLab.ToSrgb(change(SrgbLab.FromSrgb(Clamp(r), Clamp(g), Clamp(b))));
        return (Clamp(nr), Clamp(ng), Clamp(nb));
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

    private static double Lerp(double from, double to, double t) => from + ((to - from) * t);

    private static double Clamp(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);

    /// <summary>Reinhard et al. (2001): per-channel Lab shift and scale from the clip's statistics to the reference's.</summary>
    private sealed class Transfer(LabStatistics source, LabStatistics target, double strength)
    {
        private readonly double _kl = Ratio(target.StdDev.L, source.StdDev.L);
        private readonly double _ka = Ratio(target.StdDev.A, source.StdDev.A);
        private readonly double _kb = Ratio(target.StdDev.B, source.StdDev.B);

        public (double, double, double) Apply(double r, double g, double b)
        {
            var lab = SrgbLab.FromSrgb(r, g, b);
            var moved = new LabColour(
                Math.Clamp(((lab.L - source.Mean.L) * _kl) + target.Mean.L, 0, 100),
                ((lab.A - source.Mean.A) * _ka) + target.Mean.A,
                ((lab.B - source.Mean.B) * _kb) + target.Mean.B);
            var blended = new LabColour(Lerp(lab.L, moved.L, strength), Lerp(lab.A, moved.A, strength), Lerp(lab.B, moved.B, strength));
            var (nr, ng, nb) = SrgbLab.ToSrgb(blended);
            return (Clamp(nr), Clamp(ng), Clamp(nb));
        }

        private static double Ratio(double target, double source) =>
            source < 1e-3 ? 1 : Math.Clamp(target / source, MinStdRatio, MaxStdRatio);
    }
}
