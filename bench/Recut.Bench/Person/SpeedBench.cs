using System.Diagnostics;
using Recut.Engines;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Plan;
using Recut.Media.Probing;
using Recut.Media.Processes;

namespace Recut.Bench.Person;

/// <summary>One speed measurement: wall-clock fps of a whole render and the C# processor's own ms per frame.</summary>
public sealed record SpeedResult(string Clip, string Run, int Frames, double Seconds, double ProcessorMsPerFrame)
{
    public double Fps => Frames / Seconds;
}

/// <summary>
/// Renders the same clip four ways in one run: a plain ffmpeg decode+encode (the yardstick), the frame pipe with
/// no processor, background replace, and background blur.
/// </summary>
public static class SpeedBench
{
    public static async Task<IReadOnlyList<SpeedResult>> MeasureAsync(
        string clip, string name, int width, int height, int frameCount, string reference, PersonFrameProcessorFactory factory, string workDir, CancellationToken ct = default)
    {
        var results = new List<SpeedResult>();
        var output = Path.Combine(workDir, name + ".out.mp4");

        var watch = Stopwatch.StartNew();
        await ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", clip, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", output],
            new ProcessRunOptions(), ct);
        results.Add(new SpeedResult(name, "ffmpeg decode+encode", frameCount, watch.Elapsed.TotalSeconds, 0));

        watch.Restart();
        var frames = await FramePipe.RunAsync(clip, output, width, height, null, ct);
        results.Add(new SpeedResult(name, "pipe, no processor", frames, watch.Elapsed.TotalSeconds, 0));

        var context = new FrameContext(width, height, 30, [new LocalMedia(reference, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 })], 0, workDir);
        foreach (var (run, op) in new (string, FrameOperation)[] { ("background replace", new BackgroundReplaceOp(0)), ("background blur", new BackgroundBlurOp(0.5)) })
        {
            using var processor = new TimedProcessor(factory.Create(op, context));
            watch.Restart();
            frames = await FramePipe.RunAsync(clip, output, width, height, processor, ct);
            var seconds = watch.Elapsed.TotalSeconds;
            results.Add(new SpeedResult(name, run, frames, seconds, processor.Elapsed.TotalMilliseconds / Math.Max(1, processor.Frames)));
        }
        return results;
    }
}
