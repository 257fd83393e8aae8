using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>The whole frame blurred (Gaussian). Strength 0..2; 1 = σ of 1% of the frame height.</summary>
public sealed record BlurOp(double Strength) : FilterOperation
{
    public double SigmaFor(int frameHeight) => Math.Max(0.5, frameHeight * 0.01 * Strength);

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"blur the whole frame (Gaussian, σ = {Strength:0.##}% of the frame height)");
}
