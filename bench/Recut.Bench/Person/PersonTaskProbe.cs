using System.Globalization;
using System.Runtime.InteropServices;
using Recut.Engines;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Rendering;
using Recut.Media.Processes;

namespace Recut.Bench.Person;

/// <summary>
/// Peak memory of one task, measured in a fresh process so nothing else the benchmark did is counted:
/// the child renders one clip and reports its own peak resident set (VmHWM) and the largest ffmpeg child's.
/// </summary>
public static partial class PersonTaskProbe
{
    /// <param name="ProcessMb">Peak resident set of the .NET process (VmHWM).</param>
    /// <param name="LargestFfmpegMb">Peak resident set of the larger ffmpeg child (getrusage).</param>
    /// <param name="TreeMb">Largest sampled sum of the process and its ffmpeg children.</param>
    /// <param name="Seconds">Length of the rendered clip.</param>
    public sealed record MemoryResult(double ProcessMb, double LargestFfmpegMb, double TreeMb, double Seconds);

    /// <summary>Parent side: runs this executable as <c>person-task</c> and parses its answer.</summary>
    public static async Task<MemoryResult> MeasureAsync(string clip, int width, int height, int frames, string op, string reference, CancellationToken ct = default)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var runner = new ProcessRunner(self);
        using var output = new MemoryStream();
        await runner.RunAsync(["person-task", clip, width.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture), op, reference, frames.ToString(CultureInfo.InvariantCulture)],
            new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(10), ReadStdout = (s, t) => s.CopyToAsync(output, t) }, ct);
        var line = System.Text.Encoding.UTF8.GetString(output.ToArray()).Trim().Split('\n')[^1];
        var parts = line.Split(' ');
        return new MemoryResult(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture), frames / 30.0);
    }

    /// <summary>Child side: <c>person-task clip width height replace|blur reference frames</c>.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var (clip, width, height, op, reference) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4]);
        var frames = int.Parse(args[5], CultureInfo.InvariantCulture);
        var factory = PersonFrameProcessorFactory.FromOptions();
        var workDir = Path.Combine(Path.GetTempPath(), "recut-bench-task-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        try
        {
            FrameOperation operation = op == "blur" ? new BackgroundBlurOp(0.5) : new BackgroundReplaceOp(0);
            using var sampler = new TreeMemorySampler();
            using (var processor = factory.Create(operation, SpeedBench.Context(width, height, reference, workDir)))
            {
                await new FramePipelineRenderer().RenderAsync(clip, SpeedBench.Spec(width, height, frames), [processor],
                    Path.Combine(workDir, "out.mp4"), new ProgressTracker(NullEditObserver.Instance), CancellationToken.None);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakResidentMb():0.0} {LargestChildMb():0.0} {sampler.PeakMb:0.0}"));
            return 0;
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static double PeakResidentMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    /// <summary>ru_maxrss of RUSAGE_CHILDREN: the largest waited-for child (ffmpeg), in MB.</summary>
    private static unsafe double LargestChildMb()
    {
        var usage = stackalloc long[18];
        return GetRUsage(-1, usage) == 0 ? usage[4] / 1024.0 : double.NaN;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static unsafe partial int GetRUsage(int who, long* usage);
}
