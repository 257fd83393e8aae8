using Recut.Media.Processes;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>
/// Decodes a truth clip's video (BGR24) and truth mask together, frame by frame: one ffmpeg stacks the mask under
/// the picture (vstack), so both arrive in one pipe and can never drift apart.
/// </summary>
public static class TruthFrameReader
{
    /// <summary>A callback per frame: the BGR24 frame (may be edited), the truth mask (one byte a pixel), the index.</summary>
    public delegate void FrameHandler(Span<byte> bgr, ReadOnlySpan<byte> truth, int index);

    public static async Task<int> ReadAsync(TruthClip clip, FrameHandler onFrame, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(onFrame);
        var w = clip.Width;
        var h = clip.Height;
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error",
            "-i", clip.VideoPath, "-i", clip.TruthPath,
            // Both streams renumbered 0,1,2… in one time base: mp4 and mkv time bases differ, and vstack would
            // otherwise pair frames by rounded timestamps (duplicates, off-by-one pairs).
            "-filter_complex", "[0:v]settb=1/30,setpts=N,format=bgr24[v];[1:v]settb=1/30,setpts=N,format=gray,format=bgr24[t];[v][t]vstack,format=bgr24[out]",
            "-map", "[out]", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1",
        ];
        var frames = 0;
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            Timeout = TimeSpan.FromMinutes(10),
            ReadStdout = async (stream, token) =>
            {
                var stacked = new byte[w * h * 3 * 2];
                var truth = new byte[w * h];
                while (await FillAsync(stream, stacked, token))
                {
                    var bottom = stacked.AsSpan(w * h * 3);
                    for (var i = 0; i < truth.Length; i++)
                    {
                        truth[i] = bottom[i * 3];
                    }
                    onFrame(stacked.AsSpan(0, w * h * 3), truth, frames++);
                }
            },
        }, ct);
        return frames;
    }

    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                return read == 0 ? false : throw new EndOfStreamException($"truncated frame: {read} of {buffer.Length} bytes");
            }
            read += n;
        }
        return true;
    }
}
