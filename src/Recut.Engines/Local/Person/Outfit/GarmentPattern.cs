using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// A patterned garment's pattern: a rectangle cut from inside the reference's garment region (its albedo and the
/// reference's lighting, BGR), and what kind of pattern it is.
/// </summary>
public sealed class GarmentPattern(PatternKind kind, Mat tile, PatternMeasure measure) : IDisposable
{
    public PatternKind Kind { get; } = kind;

    public Mat Tile { get; } = tile;

    public PatternMeasure Measure { get; } = measure;

    /// <summary>The pattern as an adjective for the plan's words: "striped", "checked", "printed".</summary>
    public string Word => Describe(Kind);

    public static string Describe(PatternKind kind) => kind switch
    {
        PatternKind.Stripes => "striped",
        PatternKind.Checks => "checked",
        PatternKind.Print => "printed",
        _ => "plain",
    };

    public void Dispose() => Tile.Dispose();
}
