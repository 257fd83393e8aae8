namespace Recut.Media.Tools;

/// <summary>What the start-up inspection found: the versions, and the required encoders and filters that are missing.</summary>
public sealed record ToolReport(
    string FfmpegPath,
    string FfprobePath,
    string FfmpegVersion,
    string FfprobeVersion,
    IReadOnlyList<string> MissingEncoders,
    IReadOnlyList<string> MissingFilters)
{
    public bool Usable => MissingEncoders.Count == 0 && MissingFilters.Count == 0;

    /// <summary>One line for the start-up log and the readiness report.</summary>
    public string Describe() => Usable
        ? $"{FfmpegVersion}; {FfprobeVersion}; encoders and filters present"
        : $"{FfmpegVersion} at {FfmpegPath} lacks "
          + string.Join(" and ", new[]
            {
                MissingEncoders.Count == 0 ? null : "encoder(s) " + string.Join(", ", MissingEncoders),
                MissingFilters.Count == 0 ? null : "filter(s) " + string.Join(", ", MissingFilters),
            }.Where(s => s is not null))
          + " that Recut needs (Debian's ffmpeg package has them all: apt-get install ffmpeg)";
}
