using System.Globalization;
using System.Text.Json;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// What the chaos run's receiver got: for each task, its final event (at least once; how many times beyond that),
/// and the delivery latency of every event, from the state change (the event's timestamp, written with the change)
/// to the receiver's first copy.
/// </summary>
internal sealed class WebhookChaosReport
{
    private WebhookChaosReport(IReadOnlyList<Copy> copies, IReadOnlyList<string> ids, TimeSpan waited)
    {
        Copies = copies;
        Ids = ids;
        Waited = waited;
    }

    private IReadOnlyList<Copy> Copies { get; }
    private IReadOnlyList<string> Ids { get; }
    private TimeSpan Waited { get; }

    private IEnumerable<Copy> Answered => Copies.Where(c => c.Status == 200);

    public static async Task<WebhookChaosReport> CollectAsync(WebhookReceiver receiver, IReadOnlyList<string> ids, TimeSpan limit)
    {
        var started = DateTime.UtcNow;
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var copies = receiver.Received.Select(Copy.Of).ToList();
            var done = copies.Where(c => c.Status == 200 && c.Type == "task.succeeded").Select(c => c.TaskId).ToHashSet(StringComparer.Ordinal);
            if (wanted.IsSubsetOf(done) || DateTime.UtcNow - started > limit)
            {
                return new WebhookChaosReport(copies, ids, DateTime.UtcNow - started);
            }
            await Task.Delay(250);
        }
    }

    public string Describe()
    {
        var finals = Answered.Where(c => c.Type == "task.succeeded").ToList();
        var running = Answered.Where(c => c.Type == "task.running").ToList();
        var latencies = Answered.GroupBy(c => c.Id).Select(g => g.Min(c => c.LatencyMs)).Order().ToList();
        string Pct(double p) => latencies.Count == 0 ? "-" : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)]
            .ToString("0", CultureInfo.InvariantCulture);
        return $"webhooks: {finals.Select(c => c.TaskId).Distinct().Count()}/{Ids.Count} tasks' task.succeeded received "
            + $"({Waited.TotalSeconds:0.0} s after the last task became final); {finals.Count} copies of "
            + $"{finals.Select(c => c.Id).Distinct().Count()} final events ({finals.Count - finals.Select(c => c.Id).Distinct().Count()} duplicates); "
            + $"{running.Count} copies of {running.Select(c => c.Id).Distinct().Count()} task.running events; "
            + $"{Copies.Count(c => c.Status == WebhookReceiver.Abandoned)} deliveries abandoned by the sender mid-answer\n"
            + $"webhook latency, state change → receiver (first copy of {latencies.Count} events): p50 {Pct(0.5)} ms, p99 {Pct(0.99)} ms, "
            + $"max {(latencies.Count == 0 ? "-" : latencies[^1].ToString("0", CultureInfo.InvariantCulture))} ms (to the request's arrival; the receiver then waits 300 ms to answer)";
    }

    public void AssertEveryFinalEventArrived(int taskCount)
    {
        var finals = Answered.Where(c => c.Type == "task.succeeded").ToList();
        var missing = Ids.Except(finals.Select(c => c.TaskId), StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} tasks' task.succeeded never arrived: {string.Join(", ", missing.Take(5))}");
        // One state change, one event: copies of it share its webhook-id (the receiver's dedupe key).
        Assert.All(finals.GroupBy(c => c.TaskId), g => Assert.Single(g.Select(c => c.Id).Distinct()));
        Assert.Equal(taskCount, finals.Select(c => c.Id).Distinct().Count());
        // Each copy names one of our tasks in the DashScope query shape, signed.
        Assert.All(Copies, c => Assert.Contains(c.TaskId, Ids));
    }

    private sealed record Copy(string Id, string Type, string TaskId, int Status, double LatencyMs)
    {
        public static Copy Of(ReceivedWebhook w)
        {
            using var doc = JsonDocument.Parse(w.Body);
            var root = doc.RootElement;
            var at = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            return new Copy(w.Id, root.GetProperty("type").GetString()!, root.GetProperty("output").GetProperty("task_id").GetString()!,
                w.Answered, (w.ReceivedAt - at).TotalMilliseconds);
        }
    }
}
