using System.Globalization;

namespace Recut.Bench.Foundation;

/// <summary>
/// "Many tasks": N 5 s colour-look edits submitted back to back to one <c>recut serve</c>, timed from the first submit
/// to the last end_time, once per worker count, the worker counts interleaved round after round. Answers what a
/// second worker buys on this machine, and so where <c>--workers</c> should default.
/// </summary>
public static class ManyTasks
{
    private const string Usage = "usage: many-tasks [--tasks N] [--workers 1,2] [--runs N] [--seconds S] [--recut PATH]";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        int tasks = 20, runs = 2, seconds = 5;
        var workerCounts = new List<int> { 1, 2 };
        var launcher = Path.Combine(EditVsTranscode.RepoRoot(), "recut");
        if (!BenchOptions.Parse(args, Usage, new Dictionary<string, Action<string>>
        {
            ["--tasks"] = v => tasks = int.Parse(v, Inv),
            ["--runs"] = v => runs = int.Parse(v, Inv),
            ["--seconds"] = v => seconds = int.Parse(v, Inv),
            ["--workers"] = v => workerCounts = v.Split(',').Select(w => int.Parse(w, Inv)).ToList(),
            ["--recut"] = v => launcher = Path.GetFullPath(v),
        }))
        {
            return 2;
        }
        var ct = CancellationToken.None;
        using var work = await BenchWorkspace.CreateAsync("recut-many-", seconds, ct);
        var body = EditVsTranscode.RequestBody("colour", work.Files);
        var results = workerCounts.ToDictionary(w => w, _ => new List<(double Wall, double MedianLatency, string Load)>());
        var load0 = LoadAverage.Read();
        for (var r = 0; r < runs; r++)
        {
            for (var k = 0; k < workerCounts.Count; k++)
            {
                var workers = workerCounts[(k + r) % workerCounts.Count];
                var before = LoadAverage.Read();
                // A fresh server (and store) per batch; the create and query rate limits are lifted so the
                // whole batch is queued at once, as a busy deployment's queue would be.
                await using var server = await BenchServer.StartAsync($"w{workers}", launcher,
                    Path.Combine(work.Folder, $"data-{r}-{workers}"), workers, ct,
                    new Dictionary<string, string> { ["Recut__SubmitsPerSecond"] = "1000", ["Recut__QueriesPerSecond"] = "1000" });
                var (warm, _) = await server.SubmitAsync(body, ct);
                await server.WaitSucceededAsync(warm, ct);
                var submitted = new List<(string Id, DateTimeOffset At)>();
                for (var t = 0; t < tasks; t++)
                {
                    submitted.Add(await server.SubmitAsync(body, ct));
                }
                var latencies = new List<double>();
                var last = DateTimeOffset.MinValue;
                // In submit order, one event stream at a time: tasks finish roughly in order, and the last
                // end_time (the server's clock) is what counts, not when this loop saw it.
                foreach (var (id, at) in submitted)
                {
                    var (end, _) = await server.WaitSucceededAsync(id, ct);
                    latencies.Add((end - at).TotalSeconds);
                    last = end > last ? end : last;
                }
                var wall = (last - submitted[0].At).TotalSeconds;
                results[workers].Add((wall, Report.Median(latencies), $"{before} → {LoadAverage.Read()}"));
                Console.Error.WriteLine(string.Create(Inv, $"round {r + 1}/{runs}  workers {workers}: {tasks} tasks in {wall:0.0} s"));
            }
        }
        Console.WriteLine(string.Create(Inv,
            $"{tasks} queued {seconds} s 1280×720 colour-look edits, one server per batch (after one warm-up task), {runs} interleaved rounds, "
            + $"{Environment.ProcessorCount} cores; load average {load0} at the start, {LoadAverage.Read()} at the end; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Console.WriteLine();
        Console.WriteLine("| workers | wall s (median, min–max) | tasks/min | median submit → SUCCEEDED s | load before → after each batch |");
        Console.WriteLine("|---:|---:|---:|---:|---|");
        foreach (var w in workerCounts)
        {
            var walls = results[w].Select(x => x.Wall).ToList();
            var wall = Report.Median(walls);
            Console.WriteLine(string.Create(Inv,
                $"| {w} | {wall:0.0} ({walls.Min():0.0}–{walls.Max():0.0}) | {tasks / wall * 60:0.0} | {Report.Median(results[w].Select(x => x.MedianLatency).ToList()):0.0} | {string.Join("; ", results[w].Select(x => x.Load))} |"));
        }
        return 0;
    }
}
