using System.Diagnostics;
using Recut.Engines;
using Recut.Engines.Local;
using Recut.Engines.Local.Frames;
using Recut.Media.Probing;
using Recut.Media.Processes;
using Recut.Protocol.Requests;

namespace Recut.Bench.Foundation;

/// <summary>What the in-process edit benches share: one local edit, the plain transcode it is measured against, a stopwatch, options.</summary>
internal static class BenchRuns
{
    /// <summary>The local engine on <paramref name="clip"/> (720P, seed 42), with the given frame-processor factories.</summary>
    public static async Task EditAsync(string clip, MediaInfo info, string prompt, string dir, string output,
        IReadOnlyList<IFrameProcessorFactory>? factories = null)
    {
        var work = Directory.CreateDirectory(Path.Combine(dir, "work-" + Guid.NewGuid().ToString("N"))).FullName;
        var job = new EditJob
        {
            TaskId = Guid.NewGuid(),
            Request = new EditRequest { VideoUrl = clip, ReferenceImageUrls = [], Prompt = prompt, Resolution = "720P", Seed = 42 },
            Video = new LocalMedia(clip, info),
            WorkDirectory = work,
            OutputPath = output,
        };
        await new LocalEditEngine(factories ?? []).RunAsync(job, NullEditObserver.Instance, CancellationToken.None);
    }

    /// <summary>libx264 veryfast CRF 20 + AAC 128k, fast start: what every edit's encoder does anyway.</summary>
    public static Task TranscodeAsync(string clip, string output) => ProcessRunner.Ffmpeg.RunAsync(
        ["-hide_banner", "-v", "error", "-i", clip, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-y", output],
        new ProcessRunOptions(), CancellationToken.None);

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The transcode line and the per-edit table: each edit run is paired with the transcode run just before it, so
    /// <paramref name="transcode"/> holds one entry per edit run, in the order the edits ran.
    /// </summary>
    public static void PrintRatioTable(IReadOnlyList<(string Name, string Prompt)> edits, IReadOnlyList<double> transcode,
        IReadOnlyDictionary<string, List<double>> times)
    {
        Console.WriteLine($"plain transcode: median {Report.Median(transcode):0.00} s ({transcode.Min():0.00}–{transcode.Max():0.00})");
        Console.WriteLine("| edit | instruction | median s | ratio to transcode, median (min–max) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, prompt) in edits)
        {
            var paired = transcode.Where((_, i) => edits[i % edits.Count].Name == name).ToList();
            var ratios = times[name].Zip(paired, (a, b) => a / b).ToList();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {name} | {prompt} | {Report.Median(times[name]):0.00} | {Report.Median(ratios):0.00} ({ratios.Min():0.00}–{ratios.Max():0.00}) |"));
        }
    }

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
