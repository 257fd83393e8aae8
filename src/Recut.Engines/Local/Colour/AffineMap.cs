using System.Globalization;

namespace Recut.Engines.Local.Colour;

/// <summary>x ↦ Gain·x + Offset on one 8-bit plane.</summary>
public readonly record struct AffineMap(double Gain, double Offset)
{
    public static readonly AffineMap Identity = new(1, 0);

    /// <summary>A scale by <paramref name="gain"/> that keeps <paramref name="pivot"/> where it is.</summary>
    public static AffineMap Around(double pivot, double gain) => new(gain, pivot * (1 - gain));

    /// <summary>Blend from x (t = 0) to <paramref name="value"/> (t = 1).</summary>
    public static AffineMap Toward(double value, double t) => new(1 - t, value * t);

    /// <summary>This map, then <paramref name="next"/>: next(this(x)).</summary>
    public AffineMap Then(AffineMap next) => new(next.Gain * Gain, (next.Gain * Offset) + next.Offset);

    public double Apply(double x) => (Gain * x) + Offset;

    /// <summary>
    /// The map as an ffmpeg expression of <c>val</c>, clipped to the plane's legal range. Fixed six decimals with the
    /// invariant culture, so equal inputs always give the same filter string (and the same output bytes).
    /// </summary>
    public string ToExpression(int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"clip({Gain:0.000000}*val{Offset:+0.000000;-0.000000},{min},{max})");
}
