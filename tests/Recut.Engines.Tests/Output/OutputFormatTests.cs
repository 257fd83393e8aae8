using System.Text.Json;
using Recut.Engines.Tests.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Output;

/// <summary>The output contract of API.md §4, checked on real files made through the EditPipeline.</summary>
public sealed class OutputFormatTests
{
    private const double Frame = 1 / 30.0;

    private static JsonElement Stream(JsonDocument probe, string type) =>
        probe.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == type);

    private static bool HasStream(JsonDocument probe, string type) =>
        probe.RootElement.GetProperty("streams").EnumerateArray().Any(s => s.GetProperty("codec_type").GetString() == type);

    private static double Seconds(JsonElement e, string name) =>
        double.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Sixteen_by_nine_input_gives_720p_h264_faststart_30fps_with_its_audio()
    {
        using var run = await EngineRuns.RunAsync(await SharedMedia.ClipAsync(), [], "make it warmer");
        using var probe = await Probe.FfprobeJsonAsync(run.Output);
        var video = Stream(probe, "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", video.GetProperty("pix_fmt").GetString());
        Assert.Equal(1280, video.GetProperty("width").GetInt32());
        Assert.Equal(720, video.GetProperty("height").GetInt32());
        Assert.Equal("30/1", video.GetProperty("avg_frame_rate").GetString());
        Assert.InRange(Seconds(video, "duration"), 2 - Frame, 2 + Frame);
        Assert.Equal("aac", Stream(probe, "audio").GetProperty("codec_name").GetString());
        Assert.True(Probe.MoovBeforeMdat(run.Output), "moov must come before mdat");

        Assert.Equal(1280, run.Result.Width);
        Assert.Equal(720, run.Result.Height);
        Assert.InRange(run.Result.OutputVideoDuration, 2 - Frame, 2 + (2 * Frame));
        Assert.InRange(run.Result.InputVideoDuration, 2 - Frame, 2 + (2 * Frame));
        Assert.StartsWith("Edit plan: (1) make the colours warmer", run.Result.ActualPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Square_ratio_without_source_audio_gives_960_square_and_no_audio_stream()
    {
        using var run = await EngineRuns.RunAsync(await SharedMedia.SilentClipAsync(), [], "mirror it",
            r => r with { Ratio = "1:1", AudioSetting = "origin", PromptExtend = false });
        using var probe = await Probe.FfprobeJsonAsync(run.Output);
        var video = Stream(probe, "video");
        Assert.Equal(960, video.GetProperty("width").GetInt32());
        Assert.Equal(960, video.GetProperty("height").GetInt32());
        Assert.False(HasStream(probe, "audio"));
        Assert.Null(run.Result.ActualPrompt);
        Assert.Contains("no audio", run.Observer.Plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duration_cuts_from_the_start_and_keeps_audio()
    {
        using var run = await EngineRuns.RunAsync(await SharedMedia.LongClipAsync(), [], "sepia", r => r with { Duration = 2 });
        using var probe = await Probe.FfprobeJsonAsync(run.Output);
        Assert.InRange(Seconds(Stream(probe, "video"), "duration"), 2 - Frame, 2 + Frame);
        Assert.InRange(Seconds(Stream(probe, "audio"), "duration"), 1.9, 2.05);
        Assert.InRange(run.Result.InputVideoDuration, 2.9, 3.1);
        Assert.InRange(run.Result.OutputVideoDuration, 2 - Frame, 2 + (2 * Frame));
    }

    [Fact]
    public async Task Same_seed_same_inputs_give_identical_bytes_and_progress_climbs_to_one()
    {
        var clip = await SharedMedia.ShortClipAsync();
        string[] refs = [await SharedMedia.OrangeImageAsync(), await SharedMedia.RedLogoAsync()];
        const string Prompt = "give the video the colours of image 1 and put image 2 in the top-left corner";
        using var first = await EngineRuns.RunEngineAsync(clip, refs, Prompt, r => r with { Watermark = true, Seed = 7 });
        using var second = await EngineRuns.RunEngineAsync(clip, refs, Prompt, r => r with { Watermark = true, Seed = 7 });
        Assert.Equal(Convert.ToHexString(Hash(first.Output)), Convert.ToHexString(Hash(second.Output)));

        var progress = first.Observer.Progress;
        Assert.True(progress.Count >= 4, $"only {progress.Count} progress reports");
        Assert.Equal(1.0, progress[^1]);
        for (var i = 1; i < progress.Count; i++)
        {
            Assert.True(progress[i] >= progress[i - 1], $"progress went back: {progress[i - 1]} → {progress[i]}");
        }
        Assert.Contains(progress, p => p is > 0.2 and < 0.95);
    }

    private static byte[] Hash(string path)
    {
        using var file = File.OpenRead(path);
        return System.Security.Cryptography.SHA256.HashData(file);
    }

    [Fact]
    public async Task A_clip_shown_rotated_comes_out_portrait()
    {
        using var dir = new TempDir();
        var rotated = dir.File("rotated.mp4");
        await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(
            ["-v", "error", "-i", await SharedMedia.ShortClipAsync(), "-c", "copy", "-metadata:s:v:0", "rotate=90", "-y", rotated],
            new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
        using var run = await EngineRuns.RunEngineAsync(rotated, [], "make it warmer");
        Assert.Equal((720, 1280), (run.Result.Width, run.Result.Height));
        var frame = await run.FrameAsync(0.5);
        Assert.Equal((720, 1280), (frame.Width, frame.Height));
    }
}
