using System.Globalization;
using System.Threading.Channels;
using Recut.Engines.Local.Frames;
using Recut.Media.Processes;

namespace Recut.Bench.Person;

/// <summary>
/// The render loop the local engine uses, reduced to its parts: ffmpeg decodes to raw BGR24 on a pipe, the
/// frame processor edits each frame in place, a second ffmpeg encodes libx264 veryfast from a pipe. Decode+edit
/// and encode run concurrently with a small pool of frame buffers.
/// </summary>
public static class FramePipe
{
    private const int Buffers = 4;

    /// <returns>Frames written.</returns>
    public static async Task<int> RunAsync(string input, string output, int width, int height, IFrameProcessor? processor, CancellationToken ct = default)
    {
        var frameBytes = width * height * 3;
        var pool = Channel.CreateBounded<byte[]>(Buffers);
        for (var i = 0; i < Buffers; i++)
        {
            pool.Writer.TryWrite(new byte[frameBytes]);
        }
        var ready = Channel.CreateBounded<byte[]>(Buffers);
        var frames = 0;
        var options = new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(20) };
        var decode = ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-i", input, "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"],
            options with
            {
                ReadStdout = async (stream, token) =>
                {
                    try
                    {
                        while (true)
                        {
                            var buffer = await pool.Reader.ReadAsync(token);
                            if (!await FillAsync(stream, buffer, token))
                            {
                                break;
                            }
                            processor?.Process(buffer, frames);
                            frames++;
                            await ready.Writer.WriteAsync(buffer, token);
                        }
                    }
                    finally
                    {
                        ready.Writer.TryComplete();
                    }
                },
            }, ct);
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        var encode = ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", size, "-r", "30", "-i", "pipe:0",
             "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", output],
            options with
            {
                WriteStdin = async (stream, token) =>
                {
                    await foreach (var buffer in ready.Reader.ReadAllAsync(token))
                    {
                        await stream.WriteAsync(buffer, token);
                        await pool.Writer.WriteAsync(buffer, token);
                    }
                },
            }, ct);
        await Task.WhenAll(decode, encode);
        processor?.Complete();
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
                return read == 0 ? false : throw new EndOfStreamException("truncated frame");
            }
            read += n;
        }
        return true;
    }
}
