namespace Recut.Media.Processes;

/// <summary>How to supervise one ffmpeg/ffprobe run.</summary>
public sealed record ProcessRunOptions
{
    /// <summary>Hard wall-clock limit; the process is killed and <see cref="FfmpegException.TimedOut"/> set.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Reads the process's stdout (raw frames, ffprobe JSON, or <c>-progress pipe:1</c> lines).
    /// When null, stdout is parsed as ffmpeg <c>-progress</c> output and fed to <see cref="OnProgress"/>.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? ReadStdout { get; init; }

    /// <summary>Writes the process's stdin (raw frames for an encoder); stdin is closed when it returns.</summary>
    public Func<Stream, CancellationToken, Task>? WriteStdin { get; init; }

    /// <summary>Widen stdin and stdout to 1 MiB where Linux allows (raw frames through them; see <see cref="PipeCapacity"/>).</summary>
    public bool WidePipes { get; init; }

    /// <summary>Called with ffmpeg's <c>out_time</c> when stdout is the progress stream.</summary>
    public Action<TimeSpan>? OnProgress { get; init; }

    /// <summary>
    /// Called with each whole <c>-progress</c> report (every key up to its <c>progress=</c> line) when stdout is the
    /// progress stream: the last one says how many frames the encoder wrote and whether it ended normally.
    /// </summary>
    public Action<FfmpegProgress>? OnProgressReport { get; init; }

    /// <summary>
    /// The child's working directory: the task's own work folder, so a relative name in anything it reads can only
    /// mean the task's own files. Null keeps the server's.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Receives every stderr line (a task's log); the runner keeps the tail for errors regardless.</summary>
    public Action<string>? OnStderrLine { get; init; }
}

/// <summary>One <c>-progress</c> report of ffmpeg: output time and frames so far; <see cref="Ended"/> on the final one (<c>progress=end</c>).</summary>
public sealed record FfmpegProgress(TimeSpan OutTime, long Frames, bool Ended);
