using System.Globalization;

namespace Recut.Bench.Foundation;

/// <summary>Markdown tables of an interleaved run: medians with their spread, ratios per round, the load, and per-step medians.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print((List<EditVsTranscode.Variant> Variants, List<EditVsTranscode.Round> Rounds) result, int runs, int seconds,
        IReadOnlyList<string> edits, string load0, string load1)
    {
        var (variants, rounds) = result;
        var plain = variants.Single(v => v.IsYardstick && v.Name.StartsWith("plain", StringComparison.Ordinal));
        var matched = variants.Single(v => v.IsYardstick && v.Name.StartsWith("matched", StringComparison.Ordinal));
        Console.WriteLine(string.Create(Inv,
            $"{seconds} s 1280×720 30 fps clip with sound; {runs} interleaved rounds after one discarded warm-up; {Environment.ProcessorCount} cores; "
            + $"load average (1/5/15 min) {load0} at the start, {load1} at the end; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine();
        Console.WriteLine("| run | median s | min–max s | × plain (median of per-round ratios) | × matched |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var v in variants)
        {
            var s = v.Samples.Select(x => x.Seconds).ToList();
            Console.WriteLine(string.Create(Inv,
                $"| {v.Name} | {Median(s):0.00} | {s.Min():0.00}–{s.Max():0.00} | {Ratio(v, plain)} | {Ratio(v, matched)} |"));
        }
        Console.WriteLine();
        Console.WriteLine("Load average before → after each round: " + string.Join("; ", rounds.Select(r => $"{r.Index}: {r.Load}")));
        foreach (var v in variants.Where(v => !v.IsYardstick))
        {
            var observed = Median(v.Samples.Select(x => x.ObservedSeconds - x.Seconds).ToList());
            Console.WriteLine();
            Console.WriteLine(string.Create(Inv,
                $"Steps of \"{v.Name}\" from the task log (median of {v.Samples.Count}; the final event reached the bench a median {observed * 1000:0} ms after end_time):"));
            Console.WriteLine();
            Console.WriteLine("| step | median ms | min–max ms |");
            Console.WriteLine("|---|---:|---:|");
            var names = v.Samples.SelectMany(x => x.Steps.Select(t => t.Step)).Distinct().ToList();
            foreach (var name in names)
            {
                var ms = v.Samples.SelectMany(x => x.Steps.Where(t => t.Step == name).Select(t => t.Seconds * 1000)).ToList();
                Console.WriteLine(string.Create(Inv, $"| {name} | {Median(ms):0} | {ms.Min():0}–{ms.Max():0} |"));
            }
        }
    }

    /// <summary>The median of this run's time over the yardstick's in the same round; "—" for the yardstick itself.</summary>
    private static string Ratio(EditVsTranscode.Variant v, EditVsTranscode.Variant yardstick)
    {
        if (ReferenceEquals(v, yardstick))
        {
            return "1.00";
        }
        var ratios = v.Samples.Zip(yardstick.Samples, (a, b) => a.Seconds / b.Seconds).ToList();
        return string.Create(Inv, $"{Median(ratios):0.00} ({ratios.Min():0.00}–{ratios.Max():0.00})");
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
