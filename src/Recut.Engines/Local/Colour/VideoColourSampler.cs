using System.Globalization;
using Recut.Media;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Colour;

/// <summary>
/// Y'CbCr statistics of a clip: about eight frames spread evenly over it (positions depend only on the clip, so the
/// result is deterministic), decoded small as RGB through an ffmpeg rawvideo pipe and converted with the matrix the
/// render's planes use. Going through RGB (rather than reading the file's planes) gives the same numbers whichever
/// way the planes were made: the file's own (direct render) or ffmpeg's BT.601 conversion of edited RGB frames
/// (frame pipeline); it is exact whenever the matrix is the one ffmpeg decoded the file with.
/// </summary>
public static class VideoColourSampler
{
    public const int SampleFrames = 8;
    private const int Width = 160, Height = 90;

    public static async Task<PlaneStatistics> MeasureAsync(LocalMedia video, YCbCrMatrix matrix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(matrix);
        var info = video.Info;
        var frames = info.FrameCount ?? (long)Math.Round(info.DurationSeconds * (info.FrameRate > 0 ? info.FrameRate : 30));
        var step = Math.Max(1, frames / SampleFrames);
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error", .. video.InputArguments(),
            "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"framestep={step},scale={Width}:{Height}:flags=area,format=rgb24"),
            "-frames:v", SampleFrames.ToString(CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
        ];
        var acc = new PlaneAccumulator(matrix);
        var measured = 0;
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            Timeout = TimeSpan.FromMinutes(2),
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(video.Path)),
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
        if (measured == 0)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, MediaMessages.VideoUndecodable);
        }
        return acc.Result();
    }
}
