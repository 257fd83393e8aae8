namespace Recut.Engines.Local.Plan;

/// <summary>Clothing region recoloured to a colour named in the instruction (a word such as "navy" or "黑色", or a hex code).</summary>
public sealed record OutfitColourOp(byte R, byte G, byte B, string ColourName) : FrameOperation
{
    public override string Describe() => $"recolour the person's clothing to {ColourName} (#{R:x2}{G:x2}{B:x2}); the clothing's shape and shading are kept, only its colour changes";
}
