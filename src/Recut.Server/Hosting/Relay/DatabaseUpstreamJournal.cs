using Recut.Engines.DashScope;
using Recut.Tasks.Relay;

namespace Recut.Server.Hosting.Relay;

/// <summary>
/// The relay's <see cref="IUpstreamTaskJournal"/> on the task database. The engine cannot name the store (Engines depends
/// on Media and Protocol, never on Tasks) and the store must not know the engine's record, so the composition root maps
/// one onto the other, field by field; every rule (compare-and-set, retention) is the store's.
/// </summary>
public sealed class DatabaseUpstreamJournal(SqlRelayStateStore store) : IUpstreamTaskJournal
{
    public async Task<UpstreamTaskRecord?> ReadAsync(Guid taskId, CancellationToken ct) =>
        await store.ReadAsync(taskId, ct) is { } state ? ToRecord(state) : null;

    public async Task<UpstreamTaskRecord?> TryWriteAsync(UpstreamTaskRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await store.TryWriteAsync(ToState(record), ct) is { } stored ? ToRecord(stored) : null;
    }

    public Task<IReadOnlySet<string>> ClaimedUpstreamIdsAsync(CancellationToken ct) => store.ClaimedUpstreamIdsAsync(ct);

    public Task<int> DeleteWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) => store.DeleteWrittenBeforeAsync(cutoff, ct);

    private static UpstreamTaskRecord ToRecord(RelayState s) => new()
    {
        TaskId = s.TaskId,
        KeyId = s.KeyId,
        CreateStartedAt = s.CreateStartedAt,
        UpstreamTaskId = s.UpstreamTaskId,
        CreateRequestId = s.CreateRequestId,
        Uploads = s.Uploads,
        UploadedAt = s.UploadedAt,
        UpdatedAt = s.UpdatedAt,
        Version = s.Version,
    };

    private static RelayState ToState(UpstreamTaskRecord r) => new()
    {
        TaskId = r.TaskId,
        KeyId = r.KeyId,
        CreateStartedAt = r.CreateStartedAt,
        UpstreamTaskId = r.UpstreamTaskId,
        CreateRequestId = r.CreateRequestId,
        Uploads = r.Uploads,
        UploadedAt = r.UploadedAt,
        UpdatedAt = r.UpdatedAt,
        Version = r.Version,
    };
}
