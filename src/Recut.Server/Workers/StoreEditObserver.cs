using Recut.Engines;
using Recut.Tasks;

namespace Recut.Server.Workers;

/// <summary>
/// Bridges engine callbacks to the task row: the plan is written at once (clients see actual_prompt while the
/// task runs); progress is only remembered here and written by the heartbeat, so frames never wait on the store.
/// </summary>
public sealed class StoreEditObserver(ITaskStore store, EditTask task, string leaseToken) : IEditObserver
{
    private int _percent;

    /// <summary>0–99 while running; 100 is written only with SUCCEEDED.</summary>
    public int Percent => Volatile.Read(ref _percent);

    public bool LeaseLost { get; set; }

    public async Task OnPlanAsync(PlanReport plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var actual = task.Request.PromptExtend ? plan.Description : null;
        if (!await store.RecordPlanAsync(task.Id, leaseToken, actual, plan.StructureJson, ct))
        {
            LeaseLost = true;
            throw new OperationCanceledException("lease lost");
        }
    }

    public void OnProgress(double fraction)
    {
        var p = (int)Math.Clamp(Math.Floor(fraction * 100), 0, 99);
        int seen;
        do
        {
            seen = Volatile.Read(ref _percent);
            if (p <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _percent, p, seen) != seen);
    }
}
