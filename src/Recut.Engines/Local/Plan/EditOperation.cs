namespace Recut.Engines.Local.Plan;

/// <summary>One step of a local edit plan. Filter-graph steps run inside ffmpeg; frame steps run in C#.</summary>
public abstract record EditOperation
{
    /// <summary>The step in plain words, for <c>actual_prompt</c>.</summary>
    public abstract string Describe();
}

/// <summary>A step that needs per-frame work in C# (e.g. person segmentation), run by an <see cref="Frames.IFrameProcessor"/>.</summary>
public abstract record FrameOperation : EditOperation;

/// <summary>Person kept, background replaced by reference image <paramref name="ReferenceIndex"/> (scaled to cover).</summary>
public sealed record BackgroundReplaceOp(int ReferenceIndex) : FrameOperation
{
    public override string Describe() => $"keep the person and replace the background with reference image {ReferenceIndex + 1}, scaled to cover the frame without distortion";
}

/// <summary>Person kept sharp, background blurred (bokeh). Strength 0..1.</summary>
public sealed record BackgroundBlurOp(double Strength) : FrameOperation
{
    public override string Describe() => "keep the person sharp and blur the background";
}

/// <summary>Background removed to a solid colour (e.g. green screen).</summary>
public sealed record BackgroundSolidOp(byte R, byte G, byte B, string ColourName) : FrameOperation
{
    public override string Describe() => $"keep the person and replace the background with solid {ColourName}";
}

/// <summary>Person kept in colour, background turned black-and-white.</summary>
public sealed record BackgroundGrayscaleOp : FrameOperation
{
    public override string Describe() => "keep the person in colour and turn the background black-and-white";
}

/// <summary>
/// Clothing region recoloured toward the garment in reference image <paramref name="ReferenceIndex"/>, or, when that
/// garment is patterned, given its pattern. Which of the two is known once the reference has been looked at
/// (<see cref="Reading"/>); a plan made from the words alone says both.
/// </summary>
public sealed record OutfitRecolourOp(int ReferenceIndex) : FrameOperation
{
    /// <summary>What the reference turned out to be; null before it has been looked at.</summary>
    public GarmentReading? Reading { get; init; }

    public override string Describe() => Reading switch
    {
        { Pattern: { } pattern } r =>
            $"carry the {pattern} pattern of the garment in reference image {ReferenceIndex + 1} ({r.Source}) onto the person's clothing, pinned to the body so it moves with them; the clothing's shape, folds and shading are kept",
        { } r =>
            $"recolour the person's clothing to the colour of the garment in reference image {ReferenceIndex + 1} ({r.Source}, {r.Hex}); the clothing's shape, pattern and shading are kept, only its colour changes",
        null =>
            $"recolour the person's clothing with the colour of the garment in reference image {ReferenceIndex + 1}, or carry its pattern over when that garment is patterned; the clothing's shape and shading are kept",
    };
}

/// <summary>
/// What an outfit reference image was found to hold: <paramref name="Source"/> in words ("a colour swatch", "a
/// product shot", "a photo of a person wearing it"), the garment's main colour as #rrggbb, and its pattern as an
/// adjective ("striped", "checked", "printed") or null when it is one colour.
/// </summary>
public sealed record GarmentReading(string Source, string Hex, string? Pattern);
