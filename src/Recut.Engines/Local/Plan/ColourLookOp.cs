using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>
/// The colour palette of reference image <paramref name="ReferenceIndex"/> (0-based) transferred onto every frame
/// by matching the mean and standard deviation of each Y'CbCr plane (a Reinhard-style transfer); <paramref name="Strength"/> 0..1 blends toward it.
/// </summary>
public sealed record ColourLookOp(int ReferenceIndex, double Strength) : FilterOperation
{
    public const double DefaultStrength = 0.85;

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"transfer the colour palette of reference image {ReferenceIndex + 1} onto every frame (YCbCr mean/std transfer, strength {Strength * 100:0}%)");
}
