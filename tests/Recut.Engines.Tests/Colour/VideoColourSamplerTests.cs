using Recut.Engines.Local.Colour;
using Recut.Media.Processes;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Colour;

public sealed class VideoColourSamplerTests
{
    private static readonly YCbCrMatrix Matrix = YCbCrMatrix.Bt601;

    /// <summary>Two solid-colour scenes concatenated; <paramref name="x264"/> chooses where the keyframes fall.</summary>
    private static async Task<string> ScenesAsync(TempDir dir, string name, string first, double firstSeconds, string second, double secondSeconds,
        string x264)
    {
        var path = dir.File(name);
        await ProcessRunner.Ffmpeg.RunAsync(
        [
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"color=c={first}:s=320x240:r=30:d={firstSeconds}",
            "-f", "lavfi", "-i", $"color=c={second}:s=320x240:r=30:d={secondSeconds}",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-x264-params", x264, "-f", "mp4", path,
        ], new ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    [Fact]
    public async Task Every_scene_is_measured_through_the_keyframe_at_its_cut()
    {
        using var dir = new TempDir();
        // One GOP as long as the clip: the only keyframes are the first frame and the one x264 puts at the scene cut.
        var clip = await ScenesAsync(dir, "cut.mp4", "red", 2, "blue", 2, "keyint=250:scenecut=40");

        var stats = await VideoColourSampler.MeasureAsync(LocalMedia.Mp4File(clip), Matrix, CancellationToken.None);

        var (_, redCb, redCr) = Matrix.FromRgb(255, 0, 0);
        var (_, blueCb, blueCr) = Matrix.FromRgb(0, 0, 255);
        // Half red, half blue: the means sit midway and the spread is half the distance between the two colours.
        Assert.InRange(stats.Cb.Mean, ((redCb + blueCb) / 2) - 6, ((redCb + blueCb) / 2) + 6);
        Assert.InRange(stats.Cr.Mean, ((redCr + blueCr) / 2) - 6, ((redCr + blueCr) / 2) + 6);
        Assert.InRange(stats.Cr.StdDev, (Math.Abs(redCr - blueCr) / 2) - 8, (Math.Abs(redCr - blueCr) / 2) + 8);
    }

    [Fact]
    public async Task Only_keyframes_are_decoded()
    {
        using var dir = new TempDir();
        // A red first frame, then 3 s of blue with scene cuts switched off: frame 0 is the clip's only keyframe. A
        // sampler that decoded the clip would report blue; one that reads keyframes reports red.
        var clip = await ScenesAsync(dir, "one-key.mp4", "red", 1 / 30.0, "blue", 3, "keyint=1000:scenecut=0");

        var stats = await VideoColourSampler.MeasureAsync(LocalMedia.Mp4File(clip), Matrix, CancellationToken.None);

        var (_, _, redCr) = Matrix.FromRgb(255, 0, 0);
        Assert.InRange(stats.Cr.Mean, redCr - 6, redCr + 6);
        Assert.True(stats.Cr.StdDev < 3, $"one red frame has no spread, got {stats.Cr.StdDev:0.0}");
    }

    [Fact]
    public async Task The_same_clip_gives_the_same_statistics()
    {
        using var dir = new TempDir();
        var clip = await TestMedia.VideoAsync(dir.File("t.mp4"), 640, 360, 3, source: "testsrc2");
        var a = await VideoColourSampler.MeasureAsync(LocalMedia.Mp4File(clip), Matrix, CancellationToken.None);
        var b = await VideoColourSampler.MeasureAsync(LocalMedia.Mp4File(clip), Matrix, CancellationToken.None);
        Assert.Equal(a, b);
    }
}
