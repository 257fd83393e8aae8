using System.Collections.Concurrent;

namespace Recut.DashScopeSimulator;

/// <summary>Which upstream call a scripted fault applies to.</summary>
public enum SimOperation
{
    Create,
    Query,
    List,
    Cancel,
    GetPolicy,
    Upload,
    Result,
}

/// <summary>
/// One scripted misbehaviour. <see cref="Status"/>: answer that error instead of serving the call (nothing happens);
/// <see cref="LoseResponse"/>: serve the call, then drop the connection; <see cref="Delay"/>: serve the call, then
/// answer late (a client with a shorter timeout sees no answer although the call took effect).
/// </summary>
public sealed record SimFault
{
    public int? Status { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
    public bool LoseResponse { get; init; }
    public TimeSpan Delay { get; init; }

    public static SimFault Throttle() => new() { Status = 429, Code = "Throttling.RateQuota", Message = "Requests rate limit exceeded, please try again later." };
    public static SimFault ServerError() => new() { Status = 500, Code = "InternalError", Message = "An internal error has occured, please try again later or contact service support." };
    public static SimFault Lost() => new() { LoseResponse = true };
    public static SimFault Slow(TimeSpan delay) => new() { Delay = delay };
}

/// <summary>Faults waiting to be served, in order, per operation.</summary>
public sealed class SimFaultPlan
{
    private readonly ConcurrentDictionary<SimOperation, ConcurrentQueue<SimFault>> _queues = new();

    public void Enqueue(SimOperation operation, SimFault fault, int times = 1)
    {
        var queue = _queues.GetOrAdd(operation, _ => new ConcurrentQueue<SimFault>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }
    }

    public int Pending(SimOperation operation) => _queues.TryGetValue(operation, out var q) ? q.Count : 0;

    internal SimFault? Take(SimOperation operation) =>
        _queues.TryGetValue(operation, out var q) && q.TryDequeue(out var f) ? f : null;

    public void Clear() => _queues.Clear();
}
