using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>The output decisions of a plan: frame size, rate, length, audio and watermark.</summary>
public sealed record OutputPlan
{
    public const double FramesPerSecond = 30;
    public const string WatermarkText = "AI生成";

    public required int Width { get; init; }
    public required int Height { get; init; }
    /// <summary>The listed ratio the size came from, e.g. "16:9".</summary>
    public required string Ratio { get; init; }
    public required string Resolution { get; init; }
    /// <summary>Seconds of output: the input's length, or the requested cut, never longer than the input.</summary>
    public required double DurationSeconds { get; init; }
    public required double InputDurationSeconds { get; init; }
    /// <summary>True when the source has an audio track and it is copied (re-encoded AAC) into the output.</summary>
    public required bool KeepAudio { get; init; }
    public required bool SourceHasAudio { get; init; }
    public required bool Watermark { get; init; }
    /// <summary>
    /// The source span a time edit (speed, reverse, trim) makes the output from, in source seconds; null when there is
    /// none and the output is simply the source's first <see cref="DurationSeconds"/>.
    /// </summary>
    public (double Start, double End)? SourceSpan { get; init; }

    /// <summary>Frames the output will have (30 fps).</summary>
    public int ExpectedFrames => Math.Max(1, (int)Math.Round(DurationSeconds * FramesPerSecond));

    public string Describe()
    {
        var audio = KeepAudio ? "source audio kept" : "no audio (the source has none)";
        var watermark = Watermark ? $"watermark \"{WatermarkText}\" bottom-right" : "no watermark";
        return string.Create(CultureInfo.InvariantCulture,
            $"output {Width}×{Height} ({Ratio}) at {FramesPerSecond:0} fps, {DurationSeconds:0.00} s{Span()}, {audio}, {watermark}.");
    }

    private string Span() => SourceSpan is { } s
        ? string.Create(CultureInfo.InvariantCulture, $" made from source {s.Start:0.00}–{s.End:0.00} s")
        : "";
}
