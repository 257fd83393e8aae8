namespace Recut.Media.Probing;

/// <summary>What ffprobe says of a file, reduced to what the media rules and engines need.</summary>
public sealed record MediaInfo
{
    /// <summary>ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "png_pipe".</summary>
    public required string FormatName { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public double DurationSeconds { get; init; }
    public double FrameRate { get; init; }
    public long? FrameCount { get; init; }
    public string? VideoCodec { get; init; }
    public bool HasAudio { get; init; }
    public long SizeBytes { get; init; }
    /// <summary>Clockwise display rotation in degrees from the stream's side data (0, 90, 180, 270).</summary>
    public int Rotation { get; init; }

    /// <summary>Width and height as displayed, after rotation.</summary>
    public (int Width, int Height) DisplaySize => Rotation is 90 or 270 ? (Height, Width) : (Width, Height);
}
