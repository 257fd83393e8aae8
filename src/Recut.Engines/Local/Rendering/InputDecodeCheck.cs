using Recut.Media;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// Decodes a render's inputs on their own, so a damaged one is reported as the caller's InvalidFile.Openerror naming
/// that input. Two moments need it: before a render with overlays (ffmpeg's overlay filter passes the main video
/// through untouched when the overlay image yields no frame, so a corrupt logo would end as a "successful" edit
/// without the logo), and after a failed render, whose stderr speaks of streams and filters and names no culprit —
/// only a render whose inputs all decode is a fault of Recut (InternalError.Algo).
/// </summary>
public static class InputDecodeCheck
{
    private static readonly TimeSpan DecodeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Throws InvalidFile.Openerror for the first overlay image of <paramref name="spec"/> that yields no frame.</summary>
    public static async Task EnsureOverlaysDecodeAsync(EditJob job, RenderSpec spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (await FirstUndecodableOverlayAsync(job, spec, null, ct).ConfigureAwait(false) is { } error)
        {
            throw error;
        }
    }

    /// <summary>After a failed render: the first input that does not decode, as the error to report; null when all do.</summary>
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
        return await FirstUndecodableOverlayAsync(job, spec, renderFailure, ct).ConfigureAwait(false);
    }

    private static async Task<MediaException?> FirstUndecodableOverlayAsync(EditJob job, RenderSpec spec, Exception? inner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var overlay in spec.Overlays)
        {
            if (!await DecodesAsync(overlay.Image, ct).ConfigureAwait(false))
            {
                var number = IndexOf(job.ReferenceImages, overlay.Image) + 1;
                return new MediaException(MediaErrorCodes.FileOpenError,
                    MediaMessages.ReferenceUndecodable(number, PinnedInput.DemuxerFor(overlay.Image.Info.FormatName)), inner);
            }
        }
        return null;
    }

    /// <summary>ffmpeg exits non-zero when no frame of the first video stream decodes.</summary>
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
