using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>A whole-frame colour adjustment, composed into the same per-plane Y'CbCr maps as the colour look (see YuvLook).</summary>
public enum GlobalLook
{
    /// <summary>Amount 0..1: how far toward black-and-white (1 = fully grey).</summary>
    Grayscale,
    /// <summary>Amount 0..1: how far toward sepia (a constant warm-brown chroma, slightly more contrast).</summary>
    Sepia,
    /// <summary>Signed amount: + brighter, − darker (luma lifted toward white or pulled toward black).</summary>
    Brightness,
    /// <summary>Signed amount: + more contrast, − less (luma scaled around mid-grey).</summary>
    Contrast,
    /// <summary>Signed amount: + more saturated, − more muted (Cb/Cr scaled around neutral).</summary>
    Saturation,
    /// <summary>Signed amount: + warmer (toward amber), − cooler (toward blue).</summary>
    Warmth,
}

/// <summary>One global look; <paramref name="Amount"/> as documented on <see cref="GlobalLook"/>.</summary>
public sealed record GlobalLookOp(GlobalLook Look, double Amount) : FilterOperation
{
    /// <summary>The default size of a directional change (brighter, warmer, …) before "a bit"/"much" modifiers.</summary>
    public const double DefaultAmount = 0.35;

    public override string Describe() => Look switch
    {
        GlobalLook.Grayscale => "turn the picture black-and-white",
        GlobalLook.Sepia => "give the picture a sepia (vintage) tone",
        GlobalLook.Brightness => Directional(Amount > 0 ? "brighten the picture" : "darken the picture"),
        GlobalLook.Contrast => Directional(Amount > 0 ? "raise the contrast" : "lower the contrast"),
        GlobalLook.Saturation => Directional(Amount > 0 ? "make the colours more saturated" : "make the colours more muted"),
        GlobalLook.Warmth => Directional(Amount > 0 ? "make the colours warmer" : "make the colours cooler"),
        _ => throw new ArgumentOutOfRangeException(nameof(Look)),
    };

    private string Directional(string words) =>
        string.Create(CultureInfo.InvariantCulture, $"{words} ({Math.Abs(Amount) * 100:0}%)");
}
