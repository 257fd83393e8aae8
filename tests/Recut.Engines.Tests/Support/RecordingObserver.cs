using System.Collections.Concurrent;

namespace Recut.Engines.Tests.Support;

/// <summary>Keeps what an engine reported: the plan and every progress value, in order.</summary>
internal sealed class RecordingObserver : IEditObserver
{
    private readonly ConcurrentQueue<double> _progress = new();

    public string? Plan { get; private set; }

    /// <summary>The structured plan's JSON, when the engine reported one.</summary>
    public string? PlanStructure { get; private set; }

    public IReadOnlyList<double> Progress => _progress.ToArray();

    public Task OnPlanAsync(PlanReport plan, CancellationToken ct)
    {
        Plan = plan.Description;
        PlanStructure = plan.StructureJson;
        return Task.CompletedTask;
    }

    public void OnProgress(double fraction) => _progress.Enqueue(fraction);
}
