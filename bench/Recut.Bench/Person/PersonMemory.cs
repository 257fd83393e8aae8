using System.Globalization;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>
/// Peak memory of one 1080p person task (<c>person-memory [--seconds N] [--runs N] [--op replace|blur]</c>), each run in a
/// fresh process (<see cref="PersonTaskProbe"/>): the whole tree (.NET process + decoder and encoder ffmpeg), the .NET
/// process alone and the larger ffmpeg. Memory barely moves with machine load, so a few runs suffice; median and range.
/// </summary>
public static class PersonMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var runs = Option(args, "--runs", 3);
        var op = args.SkipWhile(a => a != "--op").Skip(1).FirstOrDefault() ?? "replace";
        var work = Path.Combine(Path.GetTempPath(), "recut-bench-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var clip = await TruthClipBuilder.BuildAsync(new TruthClipSpec("memory-1080p", PersonAssets.Astronaut, "mandelbrot", 1920, 1080, seconds, PersonMotion.Sway), work);
            var reference = Path.Combine(work, "reference.png");
            using (var image = new OpenCvSharp.Mat(1200, 1600, OpenCvSharp.MatType.CV_8UC3, new OpenCvSharp.Scalar(40, 120, 200)))
            {
                OpenCvSharp.Cv2.ImWrite(reference, image);
            }
            var results = new List<PersonTaskProbe.MemoryResult>();
            for (var i = 0; i < runs; i++)
            {
                var r = await PersonTaskProbe.MeasureAsync(clip.VideoPath, 1920, 1080, clip.FrameCount, op, reference);
                results.Add(r);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: tree {r.TreeMb:0} MB, .NET {r.ProcessMb:0} MB, larger ffmpeg {r.LargestFfmpegMb:0} MB"));
            }
            string Cell(Func<PersonTaskProbe.MemoryResult, double> f)
            {
                var v = results.Select(f).Order().ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{v[v.Count / 2]:0} ({v[0]:0}–{v[^1]:0})");
            }
            Console.WriteLine($"Peak memory of a {seconds} s 1080p background {op} task, {runs} fresh processes, MB, median (min–max):");
            Console.WriteLine("| whole tree | .NET process | larger ffmpeg |");
            Console.WriteLine("|---:|---:|---:|");
            Console.WriteLine($"| {Cell(r => r.TreeMb)} | {Cell(r => r.ProcessMb)} | {Cell(r => r.LargestFfmpegMb)} |");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
