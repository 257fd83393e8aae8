using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Reframing;

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
    /// <summary>The source span and how it is played (speed, direction); null when the output is the source's start as it is.</summary>
    public Timing? Timing { get; init; }
    /// <summary>Whole-frame effects in run order (denoise, day-for-night, cartoon, sharpen, vignette, grain).</summary>
    public IReadOnlyList<FilterOperation> Effects { get; init; } = [];
    public IReadOnlyList<TitleLayer> Titles { get; init; } = [];
    public FadeOp? Fade { get; init; }
    /// <summary>True when the plan stabilises; <see cref="StabiliseTransformsPath"/> is set once the motion was measured.</summary>
    public bool Stabilise { get; init; }
    public string? StabiliseTransformsPath { get; init; }
    /// <summary>The window that follows the person instead of the centre crop; null for the centre crop.</summary>
    public ReframeSpec? Reframe { get; init; }
    /// <summary>The request's seed, for the grain's noise (equal seed, equal grain).</summary>
    public int Seed { get; init; }

    public int ExpectedFrames => Math.Max(1, (int)Math.Round(DurationSeconds * Fps));
}

/// <summary>An image composited over the frames.</summary>
public sealed record OverlayLayer(LocalMedia Image, Anchor Anchor, double Scale);

/// <summary>Source seconds <paramref name="Start"/>..+<paramref name="Seconds"/> played at <paramref name="Speed"/>×, backwards if <paramref name="Reverse"/>.</summary>
public sealed record Timing(double Start, double Seconds, double Speed, bool Reverse);

/// <summary>Text drawn from <paramref name="TextFile"/> (UTF-8, written by Recut) with <paramref name="FontPath"/> at <paramref name="Anchor"/>.</summary>
public sealed record TitleLayer(string TextFile, string FontPath, Anchor Anchor, int FontSize);
