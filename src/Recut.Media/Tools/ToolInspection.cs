using System.Text;
using Recut.Media.Processes;

namespace Recut.Media.Tools;

/// <summary>
/// Inspects ffmpeg and ffprobe once: their versions and whether the encoders and filters of
/// <see cref="ToolRequirements"/> exist. Run at start-up, never per request: each call starts four processes.
/// </summary>
public static class ToolInspection
{
    /// <summary>Generous: on a loaded two-core machine even `ffmpeg -filters` can take seconds.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <exception cref="ToolUnavailableException">A tool cannot be started, fails, or hangs past the timeout.</exception>
    public static async Task<ToolReport> InspectAsync(ProcessRunner ffmpeg, ProcessRunner ffprobe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        ArgumentNullException.ThrowIfNull(ffprobe);
        // The four are independent; started together they cost one process start of latency, not four.
        var ffmpegVersion = OutputAsync(ffmpeg, ["-hide_banner", "-version"], ct);
        var ffprobeVersion = OutputAsync(ffprobe, ["-hide_banner", "-version"], ct);
        var encoders = OutputAsync(ffmpeg, ["-hide_banner", "-encoders"], ct);
        var filters = OutputAsync(ffmpeg, ["-hide_banner", "-filters"], ct);
        await Task.WhenAll(ffmpegVersion, ffprobeVersion, encoders, filters).ConfigureAwait(false);

        return new ToolReport(
            ExecutablePath.Resolve(ffmpeg.Executable) ?? ffmpeg.Executable,
            ExecutablePath.Resolve(ffprobe.Executable) ?? ffprobe.Executable,
            FirstLine(await ffmpegVersion.ConfigureAwait(false)),
            FirstLine(await ffprobeVersion.ConfigureAwait(false)),
            Missing(ToolRequirements.Encoders, ListedNames(await encoders.ConfigureAwait(false))),
            Missing(ToolRequirements.Filters, ListedNames(await filters.ConfigureAwait(false))));
    }

    /// <summary>
    /// The names in `ffmpeg -encoders` / `-filters` output: each entry is flags, name, description
    /// (" V....D libx264  libx264 H.264 …", " ..C lutyuv  V->V  Compute …"); legend lines read "flags = meaning".
    /// </summary>
    public static HashSet<string> ListedNames(string listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in listing.Split('\n'))
        {
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[1] != "=")
            {
                names.Add(parts[1]);
            }
        }
        return names;
    }

    private static List<string> Missing(IReadOnlyList<string> required, HashSet<string> present) =>
        required.Where(r => !present.Contains(r)).ToList();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static async Task<string> OutputAsync(ProcessRunner runner, IReadOnlyList<string> args, CancellationToken ct)
    {
        var output = new StringBuilder();
        var options = new ProcessRunOptions
        {
            Timeout = Timeout,
            ReadStdout = async (stdout, token) =>
            {
                using var reader = new StreamReader(stdout, Encoding.UTF8);
                output.Append(await reader.ReadToEndAsync(token).ConfigureAwait(false));
            },
        };
        try
        {
            await runner.RunAsync(args, options, ct).ConfigureAwait(false);
        }
        catch (FfmpegException e)
        {
            throw new ToolUnavailableException($"{runner.Describe(args)}: {e.Message}", e);
        }
        return output.ToString();
    }
}
