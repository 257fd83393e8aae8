using System.Globalization;
using System.Numerics;
using System.Text;
using Recut.Engines.Local.Person;
using Recut.Engines.Tests.Person.Support;
using Recut.Media.Processes;

namespace Recut.Bench.Person;

/// <summary>
/// The person-segmentation benchmark: mask quality (IoU, flicker) on truth clips, render speed at 720p and
/// 1080p against a plain ffmpeg transcode, and one 1080p task's peak memory. Prints markdown.
/// </summary>
public static class PersonBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var doQuality = !args.Contains("--speed-only");
        var doSpeed = !args.Contains("--quality-only");
        var only720 = args.Contains("--720p-only");
        // RECUT_PERSON_CROP=0: the one-pass mask, to set the close-up pass's cost against it in interleaved runs.
        var factory = PersonFrameProcessorFactory.FromOptions(null,
            new Recut.Engines.Local.Person.Masks.MaskOptions { PersonCrop = Environment.GetEnvironmentVariable("RECUT_PERSON_CROP") != "0" });
        if (factory.UnavailableReason is { } reason)
        {
            Console.Error.WriteLine(reason);
            return 1;
        }
        var loadBefore = LoadAverage();
        var work = Path.Combine(Path.GetTempPath(), "recut-bench-person-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var studio = await StudioBackdropAsync(work);
            var reference = await ReferenceImageAsync(work);
            var quality = doQuality ? await QualityAsync(factory, studio, work, quick) : [];
            var speed = doSpeed ? await SpeedAsync(factory, studio, reference, work, quick, only720) : ([], null);
            Console.WriteLine(Report(quality, speed.Results, speed.Memory));
            Console.WriteLine(string.Create(Inv, $"Load average (1 min) at start {loadBefore}, at end {LoadAverage()}: other work on the machine slows the fps figures."));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<List<ClipQuality>> QualityAsync(PersonFrameProcessorFactory factory, string studio, string work, bool quick)
    {
        var results = new List<ClipQuality>();
        var seconds = quick ? 2 : 4;
        foreach (var person in PersonAssets.All)
        {
            var specs = new List<TruthClipSpec>
            {
                new($"{person.Name}-still-studio-noise", person, studio, 1280, 720, seconds, PersonMotion.Still, SensorNoise: 12),
                new($"{person.Name}-still-gradients", person, "gradients", 1280, 720, seconds, PersonMotion.Still),
            };
            foreach (var background in new[] { "gradients", "mandelbrot", "testsrc2", studio })
            {
                var label = background == studio ? "studio" : background;
                specs.Add(new TruthClipSpec($"{person.Name}-sway-{label}", person, background, 1280, 720, seconds, PersonMotion.Sway));
            }
            foreach (var spec in specs)
            {
                var clip = await TruthClipBuilder.BuildAsync(spec, work);
                var q = await QualityBench.MeasureAsync(clip, factory);
                if (spec.Motion == PersonMotion.Still)
                {
                    q = q with { RawFlicker = (await QualityBench.MeasureAsync(clip, RawFactory())).Flicker };
                }
                Console.Error.WriteLine($"quality {q.Clip}: IoU {q.MeanIoU:0.000} (min {q.MinIoU:0.000}), change {q.Flicker:P3} (raw {q.RawFlicker:P3})");
                results.Add(q);
            }
        }
        return results;
    }

    /// <summary>The same models with smoothing, edge curve and feather off: what the segmenter alone gives.</summary>
    private static PersonFrameProcessorFactory RawFactory() => PersonFrameProcessorFactory.FromOptions(null,
        new Recut.Engines.Local.Person.Masks.MaskOptions { TemporalMinAlpha = 1, FeatherSigma = 0, EdgeLow = 0, EdgeHigh = 255 });

    private static async Task<(List<SpeedResult> Results, PersonTaskProbe.MemoryResult? Memory)> SpeedAsync(
        PersonFrameProcessorFactory factory, string studio, string reference, string work, bool quick, bool only720)
    {
        var results = new List<SpeedResult>();
        var seconds = quick ? 3 : 10;
        TruthClip? clip1080 = null;
        foreach (var (w, h) in only720 ? new[] { (1280, 720) } : [(1280, 720), (1920, 1080)])
        {
            var spec = new TruthClipSpec($"speed-{h}p", PersonAssets.Astronaut, studio, w, h, seconds, PersonMotion.Sway);
            var clip = await TruthClipBuilder.BuildAsync(spec, work);
            clip1080 = clip;
            results.AddRange(await SpeedBench.MeasureAsync(clip.VideoPath, $"{h}p", w, h, clip.FrameCount, reference, factory, work, rounds: quick ? 1 : 3));
            foreach (var r in results.TakeLast(4))
            {
                Console.Error.WriteLine($"speed {r.Clip} {r.Run}: {r.Fps:0.0} fps ({r.ProcessorMsPerFrame:0.0} ms/frame in C#)");
            }
        }
        if (only720)
        {
            return (results, null);
        }
        var memory = await PersonTaskProbe.MeasureAsync(clip1080!.VideoPath, 1920, 1080, clip1080.FrameCount, "replace", reference);
        return (results, memory);
    }

    /// <summary>A person-free studio backdrop: the top-right corner of the astronaut portrait (backdrop and shuttle model).</summary>
    private static async Task<string> StudioBackdropAsync(string work)
    {
        var path = Path.Combine(work, "studio.png");
        await ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", PersonAssets.Astronaut.PhotoPath, "-vf", "crop=190:280:322:0", path],
            new ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    private static async Task<string> ReferenceImageAsync(string work)
    {
        var path = Path.Combine(work, "reference.png");
        await ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "mandelbrot=size=1600x1200", "-frames:v", "1", path],
            new ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Report(List<ClipQuality> quality, List<SpeedResult> speed, PersonTaskProbe.MemoryResult? memory)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"Machine: {Environment.ProcessorCount} cores, Vector<byte> {Vector<byte>.Count} bytes, {Environment.OSVersion}.");
        sb.AppendLine();
        if (quality.Count > 0)
        {
            QualityTable(sb, quality);
        }
        if (speed.Count > 0)
        {
            SpeedTable(sb, speed);
        }
        if (memory is not null)
        {
            sb.AppendLine(Inv, $"Peak memory of one {memory.Seconds:0} s 1080p background-replace task (fresh process): {memory.TreeMb:0} MB for the task's process tree (.NET worker + decoder and encoder ffmpeg, sampled every 50 ms); the .NET worker alone peaked at {memory.ProcessMb:0} MB, the larger ffmpeg at {memory.LargestFfmpegMb:0} MB.");
        }
        return sb.ToString();
    }

    private static void QualityTable(StringBuilder sb, List<ClipQuality> quality)
    {
        sb.AppendLine("| clip (1280×720, 30 fps) | frames | mean IoU | min IoU | flicker (still) | flicker, unsmoothed |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var q in quality)
        {
            var still = q.RawFlicker is not null;
            var flicker = still ? q.Flicker.ToString("P3", Inv) : "—";
            var rawFlicker = q.RawFlicker is { } r ? r.ToString("P3", Inv) : "—";
            sb.AppendLine(Inv, $"| {q.Clip} | {q.Frames} | {q.MeanIoU:0.000} | {q.MinIoU:0.000} | {flicker} | {rawFlicker} |");
        }
        var stills = quality.Where(q => q.RawFlicker is not null).ToList();
        sb.AppendLine(Inv, $"| **all clips** | {quality.Sum(q => q.Frames)} | {quality.Average(q => q.MeanIoU):0.000} | {quality.Min(q => q.MinIoU):0.000} | {stills.Max(q => q.Flicker):P3} (worst) | {stills.Max(q => q.RawFlicker!.Value):P3} (worst) |");
        sb.AppendLine();
    }

    private static void SpeedTable(StringBuilder sb, List<SpeedResult> speed)
    {
        sb.AppendLine("Best of the rounds, each run's fastest (rounds interleaved; other load only slows a run).");
        sb.AppendLine();
        sb.AppendLine("| clip | run | frames | fps | time vs plain ffmpeg | C# ms/frame |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var group in speed.GroupBy(s => s.Clip))
        {
            var plain = group.First(s => s.Run.StartsWith("ffmpeg", StringComparison.Ordinal));
            foreach (var s in group)
            {
                var ms = s.ProcessorMsPerFrame > 0 ? s.ProcessorMsPerFrame.ToString("0.0", Inv) : "—";
                sb.AppendLine(Inv, $"| {s.Clip} | {s.Run} | {s.Frames} | {s.Fps:0.0} | {s.Seconds / plain.Seconds:0.00}× | {ms} |");
            }
        }
        sb.AppendLine();
    }
}
