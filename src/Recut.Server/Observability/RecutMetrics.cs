using System.Diagnostics.Metrics;

namespace Recut.Server.Observability;

/// <summary>Counters and histograms exported at /metrics (OpenTelemetry → Prometheus).</summary>
public sealed class RecutMetrics : IDisposable
{
    public const string MeterName = "Recut";

    private readonly Meter _meter;

    public RecutMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _meter = factory.Create(MeterName);
        TasksCreated = _meter.CreateCounter<long>("recut.tasks.created", description: "Tasks accepted");
        TasksFinished = _meter.CreateCounter<long>("recut.tasks.finished", description: "Tasks that reached a final state, by status and code");
        EditSeconds = _meter.CreateHistogram<double>("recut.edit.duration", unit: "s", description: "Wall time of one edit");
        Rejected = _meter.CreateCounter<long>("recut.requests.rejected", description: "Requests answered with an error, by code");
        WebhookAttempts = _meter.CreateCounter<long>("recut.webhooks.attempts", description: "Webhook delivery attempts, by outcome (delivered, retry, dead)");
        WebhookLatency = _meter.CreateHistogram<double>("recut.webhooks.latency", unit: "ms",
            description: "State change (outbox row written) to the receiver's 2xx, on the first successful attempt");
    }

    public Counter<long> TasksCreated { get; }
    public Counter<long> TasksFinished { get; }
    public Histogram<double> EditSeconds { get; }
    public Counter<long> Rejected { get; }
    public Counter<long> WebhookAttempts { get; }
    public Histogram<double> WebhookLatency { get; }

    public void Dispose() => _meter.Dispose();
}
