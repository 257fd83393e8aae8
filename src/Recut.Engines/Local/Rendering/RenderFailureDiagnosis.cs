using Recut.Media;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// A failed render names no culprit: ffmpeg's stderr speaks of streams and filters. When a render fails, each file it
/// read is decoded once more on its own, so a damaged input is reported as the caller's InvalidFile.Openerror naming
/// that input, and only a render whose inputs all decode is a fault of Recut (InternalError.Algo). Runs only on the
/// failure path, so a good edit pays nothing for it.
/// </summary>
public static class RenderFailureDiagnosis
{
    private static readonly TimeSpan DecodeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The first input of <paramref name="spec"/> that does not decode, as the error to report; null when all do.</summary>
    /// <param name="renderFailure">Kept as the inner exception, so the operator's log still shows what ffmpeg said.</param>
    public static async Task<MediaException?> FindUndecodableInputAsync(EditJob job, RenderSpec spec, Exception renderFailure,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(spec);
        if (!await DecodesAsync(job.Video, ct).ConfigureAwait(false))
        {
            return new MediaException(MediaErrorCodes.FileOpenError, MediaMessages.VideoUndecodable, renderFailure);
        }
        foreach (var overlay in spec.Overlays)
        {
            if (!await DecodesAsync(overlay.Image, ct).ConfigureAwait(false))
            {
                var number = IndexOf(job.ReferenceImages, overlay.Image) + 1;
                return new MediaException(MediaErrorCodes.FileOpenError,
                    MediaMessages.ReferenceUndecodable(number, PinnedInput.DemuxerFor(overlay.Image.Info.FormatName)), renderFailure);
            }
        }
        return null;
    }

    private static async Task<bool> DecodesAsync(LocalMedia media, CancellationToken ct)
    {
        string[] args = ["-hide_banner", "-nostdin", "-v", "error", .. media.InputArguments(), "-map", "0:v:0", "-f", "null", "-"];
        try
        {
            await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
            {
                Timeout = DecodeTimeout,
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(media.Path)),
            }, ct).ConfigureAwait(false);
            return true;
        }
        catch (FfmpegException e) when (!e.TimedOut)
        {
            return false;
        }
    }

    private static int IndexOf(IReadOnlyList<LocalMedia> references, LocalMedia image)
    {
        for (var i = 0; i < references.Count; i++)
        {
            if (ReferenceEquals(references[i], image) || references[i].Path == image.Path)
            {
                return i;
            }
        }
        return 0;
    }
}
