namespace Recut.Media.Rules;

/// <summary>The media rules of API.md §4 as data, so a deployment can widen or tighten them.</summary>
public sealed record MediaLimits
{
    public const long MiB = 1024 * 1024;

    public static MediaLimits Default { get; } = new();

    public IReadOnlySet<string> VideoFormats { get; init; } = new HashSet<string>(StringComparer.Ordinal) { MediaFormats.Mp4, MediaFormats.Mov };
    public double VideoMinSeconds { get; init; } = 2;
    public double VideoMaxSeconds { get; init; } = 10;

    /// <summary>
    /// Slack on the duration bounds: containers report e.g. 10.005 s for a "10 s" clip (audio priming,
    /// rounding of the last frame), which a person would call 10 s. Well below the 0.1 s a test can tell apart.
    /// </summary>
    public double DurationToleranceSeconds { get; init; } = 0.02;
    public int VideoMinSide { get; init; } = 240;
    public int VideoMaxSide { get; init; } = 4096;
    public long VideoMaxBytes { get; init; } = 100 * MiB;

    public IReadOnlySet<string> ImageFormats { get; init; } = new HashSet<string>(StringComparer.Ordinal)
        { MediaFormats.Jpeg, MediaFormats.Png, MediaFormats.Bmp, MediaFormats.Webp };
    public int ImageMinSide { get; init; } = 240;
    public int ImageMaxSide { get; init; } = 8000;
    public long ImageMaxBytes { get; init; } = 20 * MiB;

    /// <summary>Longer side over shorter side may be at most this (8 = "between 1:8 and 8:1").</summary>
    public double MaxAspectRatio { get; init; } = 8;

    public long MaxBytes(MediaKind kind) => kind == MediaKind.Video ? VideoMaxBytes : ImageMaxBytes;
}
