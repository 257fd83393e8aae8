namespace Recut.Media.Processes;

/// <summary>ffmpeg/ffprobe exited badly; carries the command line and the tail of stderr.</summary>
public sealed class FfmpegException(string message, string commandLine, int? exitCode, string stderrTail, Exception? inner = null)
    : Exception($"{message} (exit {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {stderrTail}", inner)
{
    public string CommandLine { get; } = commandLine;
    public int? ExitCode { get; } = exitCode;
    public string StderrTail { get; } = stderrTail;
    public bool TimedOut { get; init; }
}
