using Recut.Protocol.Requests;

namespace Recut.Tasks;

/// <summary>One stored task: what the client asked for, where it is, and what came of it.</summary>
public sealed record EditTask
{
    public required Guid Id { get; init; }
    /// <summary>The API key's id (never the key itself): tasks are visible only to it.</summary>
    public required string TenantId { get; init; }
    public required EditRequest Request { get; init; }
    public required string RequestId { get; init; }
    public required EditTaskStatus Status { get; init; }
    public required DateTimeOffset SubmitTime { get; init; }
    public DateTimeOffset? ScheduledTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>0–100, real per-frame progress while running.</summary>
    public int Progress { get; init; }
    public string? ActualPrompt { get; init; }
    /// <summary>
    /// The structured plan as a JSON object (steps, reading notes, output), as the engine reported it; Recut's
    /// addition beside <c>actual_prompt</c> so clients can show or check the plan without parsing prose.
    /// </summary>
    public string? PlanJson { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    /// <summary>Key of the result in the result store, once SUCCEEDED.</summary>
    public string? ResultKey { get; init; }
    public TaskUsage? Usage { get; init; }
    /// <summary>How many times a worker has leased this task (1 on the first run).</summary>
    public int Attempts { get; init; }
    public string? LeaseToken { get; init; }
    /// <summary>The worker holding (or last holding) the lease, for diagnostics.</summary>
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }
    public string? IdempotencyKey { get; init; }
}

/// <summary>Billing-style figures of a finished task (API.md §5 <c>usage</c>).</summary>
public sealed record TaskUsage(double InputVideoDuration, double OutputVideoDuration, int VideoCount, int SR)
{
    public double Duration => Math.Round(InputVideoDuration + OutputVideoDuration, 3);
}

/// <summary>What the API hands the store to create a task.</summary>
public sealed record NewEditTask(
    string TenantId,
    EditRequest Request,
    string RequestId,
    string? IdempotencyKey,
    /// <summary>Hash of the canonical request body, compared when an idempotency key repeats.</summary>
    string? RequestHash,
    /// <summary>The queue caps the create is checked against (none by default).</summary>
    QueueLimits? Queue = null,
    /// <summary>The base URL the client reached the server under: result links in webhook events are built on it.</summary>
    string? PublicBase = null);

/// <summary>
/// Caps on waiting (PENDING) tasks, checked in the create's own transaction (API.md §6: a full queue → 429 Throttling).
/// <paramref name="PerTenant"/> applies unless the tenant's managed key has its own <c>max_pending</c>; 0 = no cap.
/// </summary>
public sealed record QueueLimits(int PerTenant, int Total)
{
    public static readonly QueueLimits None = new(0, 0);

    /// <summary>
    /// The verdict both stores reach from the same three counts: the tenant's waiting tasks against its cap
    /// (<paramref name="tenantCap"/>, the key's own or <see cref="PerTenant"/>), then the whole queue against <see cref="Total"/>.
    /// </summary>
    /// <exception cref="QueueFullException">A cap is reached.</exception>
    public void Enforce(string tenantId, long tenantPending, int tenantCap, long allPending)
    {
        if (tenantCap > 0 && tenantPending >= tenantCap)
        {
            throw new QueueFullException(tenantId, wholeService: false, tenantCap);
        }
        if (Total > 0 && allPending >= Total)
        {
            throw new QueueFullException(tenantId, wholeService: true, Total);
        }
    }
}

/// <summary>A lease granted to one worker: only its token may move the task on.</summary>
public sealed record TaskLease(EditTask Task, string Token, DateTimeOffset ExpiresAt);
