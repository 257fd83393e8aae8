using Recut.Media.Probing;
using Recut.Media.Processes;
using Recut.Protocol.Requests;

namespace Recut.Engines;

/// <summary>Everything an engine needs, with inputs already fetched, probed and checked.</summary>
public sealed record EditJob
{
    public required Guid TaskId { get; init; }
    public required EditRequest Request { get; init; }
    public required LocalMedia Video { get; init; }
    public IReadOnlyList<LocalMedia> ReferenceImages { get; init; } = [];
    /// <summary>A private scratch folder for this run; deleted by the caller afterwards.</summary>
    public required string WorkDirectory { get; init; }
    /// <summary>Where the finished mp4 must be written (the caller moves it into the result store).</summary>
    public required string OutputPath { get; init; }
}

/// <summary>A local copy of one input and what ffprobe (or, for an image, its header) said about it.</summary>
public sealed record LocalMedia(string Path, MediaInfo Info)
{
    /// <summary>The ffmpeg input options and <c>-i</c> for this file, pinned to the format it was checked as.</summary>
    public IReadOnlyList<string> InputArguments() => PinnedInput.Arguments(Path, Info.FormatName);

    /// <summary>A video file Recut itself made or already checked (benches, tests): read as MP4/MOV and nothing else.</summary>
    public static LocalMedia Mp4File(string path) =>
        new(path, new MediaInfo { FormatName = PinnedInput.MovFormatName, Width = 0, Height = 0 });
}

/// <summary>What came out of an edit.</summary>
public sealed record EditResult
{
    /// <summary>The plan in plain words; null when prompt_extend was off.</summary>
    public string? ActualPrompt { get; init; }
    public required double InputVideoDuration { get; init; }
    public required double OutputVideoDuration { get; init; }
    /// <summary>
    /// Seconds of output the engine set out to write, when it decided that itself (a speed-up, slow motion or trim
    /// makes it differ from the input's length); null when the output follows the request's duration rule (the relay).
    /// </summary>
    public double? PlannedOutputDuration { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
}
