using Microsoft.Extensions.Logging;

namespace Recut.Engines.DashScope;

/// <summary>
/// The relay's two kinds of record write. Most are "only if nobody else wrote since I read" (<see cref="SaveAsync"/>):
/// losing one means another worker runs the task now, and the caller reads again and carries on from what that worker
/// recorded. Claiming an upstream task (<see cref="ClaimAsync"/>) must not be lost: the task exists upstream and is this
/// Recut task's, so it is merged into whatever is stored — unless another upstream task was recorded first.
/// </summary>
public sealed class UpstreamRecordWriter(IUpstreamTaskJournal journal, ILogger logger)
{
    public async Task<UpstreamTaskRecord> SaveAsync(UpstreamTaskRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await journal.TryWriteAsync(record, ct).ConfigureAwait(false) ?? throw new UpstreamRecordConflictException(record.TaskId);
    }

    /// <summary>
    /// Records <paramref name="upstreamTaskId"/> (made or found with <paramref name="record"/>'s key) as the task's. Runs to
    /// the end whatever <paramref name="ct"/> says: the upstream task exists, and an unrecorded one would be paid for twice.
    /// </summary>
    public async Task<UpstreamTaskRecord> ClaimAsync(UpstreamTaskRecord record, string upstreamTaskId, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var claim = record with { UpstreamTaskId = upstreamTaskId, CreateRequestId = requestId ?? record.CreateRequestId };
        while (true)
        {
            if (await journal.TryWriteAsync(claim, CancellationToken.None).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }
            var fresh = await journal.ReadAsync(record.TaskId, CancellationToken.None).ConfigureAwait(false);
            if (fresh?.UpstreamTaskId is { } first && first != upstreamTaskId)
            {
                // Only possible when a gate was lost to a stall longer than its lease: the first record stands.
                logger.LogError("Task {TaskId}: upstream task {UpstreamTaskId} is not used; {Recorded} was recorded for the task first",
                    record.TaskId, upstreamTaskId, first);
                return fresh;
            }
            // Someone wrote in between (uploads of a worker that took over): the claim, with our key, replaces it.
            claim = claim with { Version = fresh?.Version ?? 0 };
        }
    }
}

/// <summary>A record write lost to another writer: the task's record moved on since it was read.</summary>
public sealed class UpstreamRecordConflictException(Guid taskId)
    : Exception($"The relay record of task {taskId} was changed by another worker since it was read.")
{
    public Guid TaskId { get; } = taskId;
}
