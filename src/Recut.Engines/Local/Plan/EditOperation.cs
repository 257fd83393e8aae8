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

/// <summary>Clothing region recoloured toward the garment in reference image <paramref name="ReferenceIndex"/>.</summary>
public sealed record OutfitRecolourOp(int ReferenceIndex) : FrameOperation
{
    public override string Describe() => $"recolour the person's clothing with the colours of the garment in reference image {ReferenceIndex + 1}; the clothing's shape, pattern and shading are kept, only its colours change";
}
