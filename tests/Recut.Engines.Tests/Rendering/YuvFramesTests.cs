using Recut.Engines.Local.Rendering;
using Recut.Engines.Tests.Support;
using Recut.Media.Processes;

namespace Recut.Engines.Tests.Rendering;

/// <summary>The frame pipeline's 4:2:0 ↔ BGR24 conversion, against ffmpeg's own conversion that it replaced.</summary>
public sealed class YuvFramesTests
{
    [Fact]
    public async Task Frames_converted_here_match_frames_ffmpeg_converted()
    {
        // The same decoded frame, once as 4:2:0 converted here and once as BGR24 converted by swscale: the pipes used to
        // carry the latter, so colours must not move.
        var clip = await SharedMedia.ShortClipAsync();
        const int W = 1280, H = 720;
        var yuv = await DecodeAsync(clip, "yuv420p", W, H);
        var reference = await DecodeAsync(clip, "bgr24", W, H);
        var frames = new YuvFrames(W, H);
        Assert.Equal(frames.YuvBytes, yuv.Length);
        var bgr = new byte[frames.BgrBytes];
        frames.ToBgr(yuv, bgr);
        var (mean, worstShare) = Compare(bgr, reference, 12);
        Assert.True(mean < 1.5, $"mean difference {mean:0.00} from ffmpeg's conversion");
        Assert.True(worstShare < 0.01, $"{worstShare:P1} of samples differ by more than 12");
        Assert.True(bgr.Max() - bgr.Min() > 100, "the frame is flat, which would prove nothing");
    }

    [Fact]
    public async Task A_round_trip_keeps_the_picture()
    {
        var clip = await SharedMedia.ShortClipAsync();
        const int W = 1280, H = 720;
        var yuv = await DecodeAsync(clip, "yuv420p", W, H);
        var frames = new YuvFrames(W, H);
        var bgr = new byte[frames.BgrBytes];
        frames.ToBgr(yuv, bgr);
        var back = new byte[frames.YuvBytes];
        frames.ToYuv(bgr, back);
        // Luma comes back within rounding; chroma is re-subsampled from the same samples.
        var (lumaMean, _) = Compare(back.AsSpan(0, W * H).ToArray(), yuv.AsSpan(0, W * H).ToArray(), 3);
        var (chromaMean, chromaWorst) = Compare(back.AsSpan(W * H).ToArray(), yuv.AsSpan(W * H).ToArray(), 6);
        Assert.True(lumaMean < 1.0, $"luma moved by {lumaMean:0.00} on average");
        Assert.True(chromaMean < 1.5 && chromaWorst < 0.02, $"chroma moved by {chromaMean:0.00} on average, {chromaWorst:P1} by more than 6");
    }

    [Theory]
    [InlineData(641, 360)]
    [InlineData(640, 361)]
    [InlineData(0, 360)]
    public void Odd_or_empty_sizes_are_refused(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new YuvFrames(width, height));

    [Fact]
    public void Short_buffers_are_refused()
    {
        var frames = new YuvFrames(64, 48);
        Assert.Throws<ArgumentException>(() => frames.ToBgr(new byte[frames.YuvBytes - 1], new byte[frames.BgrBytes]));
        Assert.Throws<ArgumentException>(() => frames.ToYuv(new byte[frames.BgrBytes - 1], new byte[frames.YuvBytes]));
    }

    private static async Task<byte[]> DecodeAsync(string clip, string pixelFormat, int width, int height)
    {
        using var buffer = new MemoryStream();
        await ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-v", "error", "-i", clip, "-frames:v", "1", "-vf", $"scale={width}:{height}",
             "-f", "rawvideo", "-pix_fmt", pixelFormat, "pipe:1"],
            new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(2), ReadStdout = (s, t) => s.CopyToAsync(buffer, t) },
            CancellationToken.None);
        return buffer.ToArray();
    }

    private static (double Mean, double ShareAbove) Compare(byte[] a, byte[] b, int limit)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        var above = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            sum += d;
            if (d > limit)
            {
                above++;
            }
        }
        return (sum / (double)a.Length, above / (double)a.Length);
    }
}
