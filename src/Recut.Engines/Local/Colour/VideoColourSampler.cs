using System.Globalization;
using Recut.Media;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Colour;

/// <summary>
/// Y'CbCr statistics of a clip, from its keyframes only (<c>-skip_frame nokey</c>): the decoder skips every other
/// frame, so a 5 s clip costs one or a few frame decodes instead of 150. Encoders place a keyframe at every scene
/// cut (and every GOP), so the keyframes sample each scene of the clip; within a scene colours change slowly. Which
/// frames are keyframes depends only on the file, so the result is deterministic. A stream with no decodable
/// keyframe at all (periodic intra refresh) falls back to frames spread evenly over the whole decode.
/// Frames are decoded small as RGB through an ffmpeg rawvideo pipe and converted with the matrix the render's planes
/// use. Going through RGB (rather than reading the file's planes) gives the same numbers whichever way the planes
/// were made: the file's own (direct render) or ffmpeg's BT.601 conversion of edited RGB frames (frame pipeline); it
/// is exact whenever the matrix is the one ffmpeg decoded the file with.
/// </summary>
public static class VideoColourSampler
{
    /// <summary>Frames kept by the fallback that decodes the whole clip.</summary>
    public const int SampleFrames = 8;
    private const int Width = 160, Height = 90;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<PlaneStatistics> MeasureAsync(LocalMedia video, YCbCrMatrix matrix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(matrix);
        var shrink = string.Create(CultureInfo.InvariantCulture, $"scale={Width}:{Height}:flags=area,format=rgb24");
        // passthrough: rawvideo is a constant-rate muxer, which would repeat each keyframe to fill the gap to the next.
        string[] keyframes =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-skip_frame", "nokey", .. video.InputArguments(),
            "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", shrink, "-vsync", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ];
        if (await SampleAsync(video, keyframes, matrix, ct).ConfigureAwait(false) is { } fromKeyframes)
        {
            return fromKeyframes;
        }
        var info = video.Info;
        var frames = info.FrameCount ?? (long)Math.Round(info.DurationSeconds * (info.FrameRate > 0 ? info.FrameRate : 30));
        var step = Math.Max(1, frames / SampleFrames);
        string[] spread =
        [
            "-hide_banner", "-nostdin", "-v", "error", .. video.InputArguments(),
            "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"framestep={step},{shrink}"),
            "-frames:v", SampleFrames.ToString(CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ];
        return await SampleAsync(video, spread, matrix, ct).ConfigureAwait(false)
            ?? throw new MediaException(MediaErrorCodes.FileOpenError, MediaMessages.VideoUndecodable);
    }

    /// <summary>The statistics of every frame one ffmpeg run writes; null when it wrote none.</summary>
    private static async Task<PlaneStatistics?> SampleAsync(LocalMedia video, string[] args, YCbCrMatrix matrix, CancellationToken ct)
    {
        var acc = new PlaneAccumulator(matrix);
        var measured = 0;
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            Timeout = Timeout,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(video.Path)),
            WidePipes = true,
            ReadStdout = async (stdout, token) =>
            {
                var frame = new byte[Width * Height * 3];
                while (await stdout.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false, token).ConfigureAwait(false) == frame.Length)
                {
                    for (var i = 0; i + 2 < frame.Length; i += 3)
                    {
                        acc.Add(frame[i], frame[i + 1], frame[i + 2]);
                    }
                    measured++;
                }
            },
        }, ct).ConfigureAwait(false);
        return measured == 0 ? null : acc.Result();
    }
}
