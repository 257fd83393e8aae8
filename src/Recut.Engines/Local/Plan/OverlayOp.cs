using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>
/// Reference image <paramref name="ReferenceIndex"/> (0-based) composited over every frame at <paramref name="Anchor"/>,
/// its width <paramref name="Scale"/> × the frame width, transparency respected.
/// </summary>
public sealed record OverlayOp(int ReferenceIndex, Anchor Anchor, double Scale) : FilterOperation
{
    public const double DefaultScale = 0.18;
    public const double SmallScale = 0.12;
    public const double LargeScale = 0.3;

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"place reference image {ReferenceIndex + 1} in {Anchor.Describe()} at {Scale * 100:0}% of the frame width, transparency kept");
}
