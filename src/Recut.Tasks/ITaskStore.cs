namespace Recut.Tasks;

/// <summary>
/// Durable task storage. Every state change is a compare-and-set on (status, lease token):
/// a call that lost the race returns false and changes nothing. Split by who calls it, as Hangfire separates its
/// storage connection from its monitoring API: the HTTP API (<see cref="ITaskQueries"/>), the workers
/// (<see cref="ITaskLeasing"/>) and the sweeps and start-up (<see cref="ITaskMaintenance"/>); one store does all three.
/// </summary>
public interface ITaskStore : ITaskQueries, ITaskLeasing, ITaskMaintenance;

/// <summary>What the HTTP API does with tasks: create, read, list, cancel.</summary>
public interface ITaskQueries
{
    /// <summary>
    /// Stores a PENDING task. With an idempotency key already used by the same tenant within the
    /// retention window: same request hash → the existing task (Created = false); a different hash →
    /// <see cref="IdempotencyConflictException"/>. A new task of a managed key whose daily quota is used up →
    /// <see cref="DailyQuotaExceededException"/> (checked and charged in the same transaction as the insert).
    /// </summary>
    Task<CreateOutcome> CreateAsync(NewEditTask task, CancellationToken ct);

    /// <summary>The task if it exists and belongs to the tenant; null otherwise (never says which).</summary>
    Task<EditTask?> GetAsync(Guid id, string tenantId, CancellationToken ct);

    /// <summary>PENDING → CANCELED for the owning tenant; false when not PENDING (or not theirs).</summary>
    Task<bool> CancelAsync(Guid id, string tenantId, CancellationToken ct);

    /// <summary>A tenant's tasks filtered and paged, newest first (API.md §6).</summary>
    Task<TaskPage> ListAsync(TaskQuery query, CancellationToken ct);
}

/// <summary>What a worker does: lease a task, keep the lease, record what it learns, and finish — only under its lease.</summary>
public interface ITaskLeasing
{
    /// <summary>
    /// Leases the oldest runnable task: PENDING, or RUNNING with an expired lease. Skips tenants
    /// already running <paramref name="perTenantRunningLimit"/> tasks, or their managed key's own limit
    /// (<c>api_keys.max_running</c>) when it has one. Null when nothing is runnable.
    /// </summary>
    Task<TaskLease?> TryLeaseNextAsync(string workerId, TimeSpan leaseDuration, int perTenantRunningLimit, CancellationToken ct);

    /// <summary>Extends the lease and records progress (0–100); false when the lease is no longer ours.</summary>
    Task<bool> HeartbeatAsync(Guid id, string leaseToken, TimeSpan leaseDuration, int progress, CancellationToken ct);

    /// <summary>
    /// Records the edit plan while the task runs: its words (<c>actual_prompt</c>, null when prompt_extend is off) and
    /// its structure (a JSON object, null when the engine has none); false when the lease is no longer ours.
    /// </summary>
    Task<bool> RecordPlanAsync(Guid id, string leaseToken, string? actualPrompt, string? planJson, CancellationToken ct);

    /// <summary>RUNNING → SUCCEEDED, only under our lease.</summary>
    Task<bool> CompleteAsync(Guid id, string leaseToken, string resultKey, TaskUsage usage, CancellationToken ct);

    /// <summary>RUNNING → FAILED, only under our lease.</summary>
    Task<bool> FailAsync(Guid id, string leaseToken, string code, string message, CancellationToken ct);
}

/// <summary>Start-up and the periodic sweeps.</summary>
public interface ITaskMaintenance
{
    /// <summary>Creates schema and applies migrations; safe to call from several processes.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>
    /// Deletes final tasks (SUCCEEDED, FAILED, CANCELED) submitted before <paramref name="cutoff"/>; returns them so
    /// their files can go too. Never a PENDING or RUNNING task, however old: a backlog must not silently vanish.
    /// </summary>
    Task<IReadOnlyList<EditTask>> DeleteSubmittedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct);

    /// <summary>Fails tasks whose lease expired more than <paramref name="maxAttempts"/> times (a poison input).</summary>
    Task<int> FailExhaustedAsync(int maxAttempts, CancellationToken ct);
}

public sealed record CreateOutcome(EditTask Task, bool Created);

public sealed record TaskQuery(
    string TenantId,
    DateTimeOffset From,
    DateTimeOffset To,
    Guid? TaskId = null,
    EditTaskStatus? Status = null,
    string? ModelName = null,
    int PageNo = 1,
    int PageSize = 10);

public sealed record TaskPage(IReadOnlyList<EditTask> Items, int Total, int PageNo, int PageSize)
{
    public int TotalPages => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed class IdempotencyConflictException(string key)
    : Exception($"Idempotency-Key '{key}' was already used with a different request body.")
{
    public string Key { get; } = key;
}
