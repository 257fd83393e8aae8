using System.Text;
using Recut.Media.Processes;

namespace Recut.Media.Probing;

/// <summary>
/// Runs ffprobe on a local file, read with the one demuxer its format allows (<see cref="PinnedInput"/>), and parses
/// its JSON into <see cref="MediaInfo"/>. ffprobe's own words stay in the task log: the caller gets a catalogue message.
/// </summary>
public sealed class FfprobeReader(ProcessRunner? ffprobe = null)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);
    private readonly ProcessRunner _ffprobe = ffprobe ?? ProcessRunner.Ffprobe;

    /// <summary>Probes a video (MP4 or QuickTime: both are read by the one mov demuxer).</summary>
    public Task<MediaInfo> ProbeAsync(string path, CancellationToken ct) => ProbeAsync(path, MediaFormats.Mp4, ct);

    /// <summary>Probes <paramref name="path"/> as <paramref name="format"/> (a <see cref="MediaFormats"/> name or an ffprobe format_name).</summary>
    /// <exception cref="MediaException">
    /// InvalidFile.Openerror when the file cannot be read as that format or has no video; InvalidFile.Format when the
    /// format is not one an input may have, or ffprobe's verdict disagrees with it.
    /// </exception>
    public async Task<MediaInfo> ProbeAsync(string path, string format, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException("no file to probe", full);
        }
        var demuxer = PinnedInput.DemuxerFor(format);
        string[] args =
        [
            "-v", "error", .. PinnedInput.Arguments(full, format),
            "-print_format", "json", "-show_format", "-show_streams",
        ];
        using var stdout = new MemoryStream();
        try
        {
            await _ffprobe.RunAsync(args, new ProcessRunOptions
            {
                Timeout = ProbeTimeout,
                WorkingDirectory = Path.GetDirectoryName(full),
                ReadStdout = (s, t) => s.CopyToAsync(stdout, t),
            }, ct).ConfigureAwait(false);
        }
        catch (FfmpegException e) when (!e.TimedOut && e.ExitCode is not null)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, MediaMessages.CannotRead(format), e);
        }
        catch (FfmpegException e) when (e.TimedOut)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, MediaMessages.ReadTimedOut(format, ProbeTimeout), e);
        }
        var json = Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length);
        var info = FfprobeJsonParser.Parse(json, new FileInfo(full).Length);
        // Pinned, ffprobe cannot pick another demuxer; checked anyway, so a change in how inputs are named fails closed.
        if (info.FormatName != PinnedInput.FormatNameOf(demuxer))
        {
            throw new MediaException(MediaErrorCodes.FileFormat, MediaMessages.CannotRead(format));
        }
        return info;
    }
}
