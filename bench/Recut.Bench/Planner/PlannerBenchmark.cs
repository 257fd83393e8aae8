using System.Diagnostics;
using System.Globalization;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Planning.Corpus;
using Recut.Engines.Tests.Support;

namespace Recut.Bench.Planner;

/// <summary>
/// `planner [--corpus PATH] [--misses tune|held|all]`: the planner corpus as a per-category table (right / wrong edit /
/// wrongly refused / impossible refused, tuning and held-back halves) and the planning time per instruction.
/// Misses are listed for the tuning half only unless asked: the held-back half is for measuring, not for tuning.
/// </summary>
internal static class PlannerBenchmark
{
    public static int Run(string[] args)
    {
        var path = Option(args, "--corpus") ?? Path.Combine(AppContext.BaseDirectory, "Planning", "Corpus", "instructions.tsv");
        var misses = Option(args, "--misses");
        var rows = PlannerCorpus.Load(path);
        var planner = new InstructionPlanner([new AcceptingFrameProcessorFactory()]);
        PlannerCorpus.Score(planner, rows[0]); // loads jieba's dictionary outside the timing
        var clock = Stopwatch.StartNew();
        var results = rows.Select(r => PlannerCorpus.Score(planner, r)).ToList();
        clock.Stop();
        Console.WriteLine(CorpusReport.Table(results));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} instructions ({rows.Count(r => !r.Held)} tuning, {rows.Count(r => r.Held)} held back); {clock.Elapsed.TotalMilliseconds / rows.Count:0.00} ms per instruction"));
        if (misses is not null)
        {
            foreach (var m in results.Where(r => r.Verdict != Verdict.Right && (misses == "all" || r.Row.Held == (misses == "held"))))
            {
                Console.WriteLine($"{(m.Row.Held ? "held" : "tune")} #{m.Row.Row} [{m.Row.Category}] {m.Verdict}: {m.Row.Instruction}  — expected {m.Row.Expected}, got {m.Actual}");
                if (m.Message is { } why && args.Contains("--why"))
                {
                    var cut = why.IndexOf(" It can:", StringComparison.Ordinal);
                    Console.WriteLine("    " + (cut > 0 ? why[..cut] : why));
                }
            }
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
