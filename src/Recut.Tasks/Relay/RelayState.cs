namespace Recut.Tasks.Relay;

/// <summary>
/// One row of <c>relay_state</c>: what the upstream relay knows about one Recut task's upstream side (the engine's own
/// record maps onto it field by field; the store knows nothing of the relay's rules). <see cref="Version"/> is the
/// compare-and-set guard: a write names the version it read, and loses when another writer moved the row on.
/// </summary>
public sealed record RelayState
{
    public required Guid TaskId { get; init; }

    /// <summary>The upstream key (its id, never the secret) that owns the uploads and the upstream task.</summary>
    public required string KeyId { get; init; }

    public DateTimeOffset? CreateStartedAt { get; init; }

    public string? UpstreamTaskId { get; init; }

    public string? CreateRequestId { get; init; }

    /// <summary>Source URL → upstream temporary-file URL.</summary>
    public IReadOnlyDictionary<string, string> Uploads { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? UploadedAt { get; init; }

    /// <summary>Set by the store on every write (the retention clock).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The version this state was read at; 0 for a task with no row yet. The store bumps it on every write.</summary>
    public long Version { get; init; }
}
