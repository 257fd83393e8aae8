namespace Recut.Engines.DashScope;

/// <summary>
/// Durable memory of which upstream task belongs to which Recut task, shared by every worker process (it lives in
/// the data folder). A worker that picks up a task another worker abandoned resumes the upstream task recorded here
/// instead of creating (and paying for) a second one.
/// </summary>
public interface IUpstreamTaskJournal
{
    Task<UpstreamTaskRecord?> ReadAsync(Guid taskId, CancellationToken ct);

    /// <summary>Replaces the record atomically: a reader sees the old or the new one, never half of either.</summary>
    Task WriteAsync(UpstreamTaskRecord record, CancellationToken ct);

    /// <summary>Upstream task ids some Recut task has already claimed (a lost create must not adopt one of these).</summary>
    Task<IReadOnlySet<string>> ClaimedUpstreamIdsAsync(CancellationToken ct);

    /// <summary>Deletes records last written before <paramref name="cutoff"/>; returns how many went.</summary>
    int DeleteWrittenBefore(DateTimeOffset cutoff);
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
}
