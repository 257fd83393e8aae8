using System.Globalization;
using Recut.Media.Processes;

namespace Recut.TestSupport;

/// <summary>Decodes single frames of a video for pixel assertions.</summary>
public static class FrameReader
{
    /// <summary>
    /// Decodes the frame shown at <paramref name="atSeconds"/> as packed RGB24 at the video's own
    /// (display) size. Seeks after <c>-i</c> (decode from the start) because input seeking gave corrupt
    /// frames on some H.264 files. PPM output carries its own size, so no separate probe is needed.
    /// </summary>
    public static async Task<RgbFrame> ReadAsync(string videoPath, double atSeconds, CancellationToken ct = default)
    {
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error",
            "-i", videoPath,
            "-ss", atSeconds.ToString("0.######", CultureInfo.InvariantCulture),
            "-frames:v", "1", "-an",
            "-pix_fmt", "rgb24", "-c:v", "ppm", "-f", "image2pipe", "pipe:1",
        ];
        var bytes = await Ffmpeg.CaptureAsync(ProcessRunner.Ffmpeg, args, ct).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            throw new InvalidOperationException($"no frame at {atSeconds} s in {videoPath} (past the end?)");
        }
        return Ppm.Parse(bytes);
    }
}
