using System.Text;
using Recut.Media.Processes;

namespace Recut.Media.Probing;

/// <summary>Runs ffprobe on a local file and parses its JSON into <see cref="MediaInfo"/>.</summary>
public sealed class FfprobeReader(ProcessRunner? ffprobe = null)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);
    private readonly ProcessRunner _ffprobe = ffprobe ?? ProcessRunner.Ffprobe;

    /// <exception cref="MediaException">InvalidFile.Openerror when ffprobe cannot open the file or finds no video.</exception>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException("no file to probe", full);
        }
        // "file:" keeps a name with a colon from being read as a protocol, and the whitelist stops a
        // playlist disguised as media from making ffprobe open other files or URLs.
        string[] args =
        [
            "-v", "error", "-protocol_whitelist", "file",
            "-print_format", "json", "-show_format", "-show_streams",
            "file:" + full,
        ];
        using var stdout = new MemoryStream();
        try
        {
            await _ffprobe.RunAsync(args, new ProcessRunOptions
            {
                Timeout = ProbeTimeout,
                ReadStdout = (s, t) => s.CopyToAsync(stdout, t),
            }, ct).ConfigureAwait(false);
        }
        catch (FfmpegException e) when (!e.TimedOut && e.ExitCode is not null)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError,
                $"The file cannot be opened as media: {LastLine(e.StderrTail)}", e);
        }
        catch (FfmpegException e) when (e.TimedOut)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError,
                $"The file could not be read within {ProbeTimeout.TotalSeconds:0} s.", e);
        }
        var json = Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length);
        return FfprobeJsonParser.Parse(json, new FileInfo(full).Length);
    }

    /// <summary>
    /// ffprobe's last line is "file:PATH: reason"; keep the reason (not our path, not the demuxers'
    /// internal chatter in earlier lines).
    /// </summary>
    private static string LastLine(string stderr)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "unknown error";
        var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 && colon + 2 < line.Length ? line[(colon + 2)..] : line;
    }
}
