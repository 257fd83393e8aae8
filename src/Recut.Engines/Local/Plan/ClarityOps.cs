namespace Recut.Engines.Local.Plan;

/// <summary>Camera shake smoothed out (vid.stab: motion measured in a first pass, frames moved against it in a second).</summary>
public sealed record StabiliseOp : FilterOperation
{
    public override string Describe() =>
        "stabilise the footage (camera motion measured, then smoothed; the frame is zoomed slightly so no border shows)";
}

/// <summary>Noise reduced (hqdn3d, spatial and temporal). Strength 0.5 "a bit", 1, 1.6 "strong".</summary>
public sealed record DenoiseOp(double Strength) : FilterOperation
{
    public override string Describe() => "reduce the noise (spatial and temporal denoising)";
}

/// <summary>Edges sharpened (an unsharp mask on the luma). Strength as for <see cref="DenoiseOp"/>.</summary>
public sealed record SharpenOp(double Strength) : FilterOperation
{
    /// <summary>The unsharp mask's luma amount; 1.0 is a clear but clean sharpening at 720p.</summary>
    public double Amount => Math.Clamp(1.0 * Strength, 0.5, 1.8);

    public override string Describe() => "sharpen the picture (unsharp mask on the brightness)";
}
