namespace Recut.Engines.DashScope;

/// <summary>
/// Durable memory of which upstream task belongs to which Recut task, shared by every worker process (it lives in the
/// task database). A worker that picks up a task another worker abandoned resumes the upstream task recorded here
/// instead of creating (and paying for) a second one. Writes are compare-and-set on <see cref="UpstreamTaskRecord.Version"/>,
/// so a worker that lost its lease cannot overwrite what the task's new worker recorded.
/// </summary>
public interface IUpstreamTaskJournal
{
    Task<UpstreamTaskRecord?> ReadAsync(Guid taskId, CancellationToken ct);

    /// <summary>
    /// Stores <paramref name="record"/> if the stored record is still at its <see cref="UpstreamTaskRecord.Version"/> (0: none
    /// yet). Returns the record as stored (with its new version), or null when another writer got there first.
    /// </summary>
    Task<UpstreamTaskRecord?> TryWriteAsync(UpstreamTaskRecord record, CancellationToken ct);

    /// <summary>Upstream task ids some Recut task has already claimed (a lost create must not adopt one of these).</summary>
    Task<IReadOnlySet<string>> ClaimedUpstreamIdsAsync(CancellationToken ct);

    /// <summary>Deletes records last written before <paramref name="cutoff"/>; returns how many went.</summary>
    Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken ct);
}

/// <summary>What the relay knows about one Recut task's upstream side.</summary>
public sealed record UpstreamTaskRecord
{
    public required Guid TaskId { get; init; }
    /// <summary><see cref="PooledKey.Id"/> of the key that owns the uploads and the upstream task.</summary>
    public required string KeyId { get; init; }
    /// <summary>Set before a create is sent; with no <see cref="UpstreamTaskId"/> it means "a create may be in flight".</summary>
    public DateTimeOffset? CreateStartedAt { get; init; }
    public string? UpstreamTaskId { get; init; }
    public string? CreateRequestId { get; init; }
    /// <summary>Inputs already uploaded with <see cref="KeyId"/>: source URL → oss:// URL (valid 48 h upstream).</summary>
    public IReadOnlyDictionary<string, string> Uploads { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset? UploadedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The stored version this record was read at; 0 when nothing is stored yet.</summary>
    public long Version { get; init; }
}
