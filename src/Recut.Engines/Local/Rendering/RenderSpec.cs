using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Rendering;

/// <summary>Everything the ffmpeg side of a render needs, resolved to files and numbers.</summary>
public sealed record RenderSpec
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public double Fps { get; init; } = OutputPlan.FramesPerSecond;
    public required double DurationSeconds { get; init; }
    /// <summary>Every colour change as per-plane Y'CbCr maps, or null.</summary>
    public YuvLook? Colour { get; init; }
    /// <summary>Gaussian blur σ in pixels of the output frame, or null.</summary>
    public double? BlurSigma { get; init; }
    public bool Mirror { get; init; }
    public IReadOnlyList<OverlayLayer> Overlays { get; init; } = [];
    /// <summary>The font for the "AI生成" watermark; null means no watermark.</summary>
    public string? WatermarkFontPath { get; init; }
    public bool KeepAudio { get; init; }

    public int ExpectedFrames => Math.Max(1, (int)Math.Round(DurationSeconds * Fps));
}

/// <summary>An image composited over the frames.</summary>
public sealed record OverlayLayer(LocalMedia Image, Anchor Anchor, double Scale);
