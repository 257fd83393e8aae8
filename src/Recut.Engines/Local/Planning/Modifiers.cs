namespace Recut.Engines.Local.Planning;

/// <summary>The planner's intensity steps and the "last image" sentinel.</summary>
internal static class Modifiers
{
    public const double Small = 0.5;
    public const double Normal = 1.0;
    public const double Large = 1.6;

    /// <summary>Sentinel for "the last image", resolved once the number of images is known.</summary>
    public const int LastReference = -1;
}

/// <summary>A solid background colour the planner knows by name.</summary>
internal sealed record NamedColour(string Name, byte R, byte G, byte B)
{
    public static readonly NamedColour Green = new("green (chroma-key green)", 0, 177, 64);
    public static readonly NamedColour Blue = new("blue", 0, 71, 187);
    public static readonly NamedColour White = new("white", 255, 255, 255);
    public static readonly NamedColour Black = new("black", 0, 0, 0);
    public static readonly NamedColour Red = new("red", 200, 16, 46);
    public static readonly NamedColour Grey = new("grey", 128, 128, 128);
    public static readonly NamedColour Yellow = new("yellow", 255, 210, 0);
    public static readonly NamedColour Pink = new("pink", 255, 150, 190);
    public static readonly NamedColour Purple = new("purple", 110, 40, 160);
    public static readonly NamedColour Orange = new("orange", 255, 130, 0);
}
