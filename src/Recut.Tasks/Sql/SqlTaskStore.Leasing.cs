using System.Data.Common;

namespace Recut.Tasks.Sql;

/// <summary>
/// The worker side: leasing, heartbeats and the final writes. A lease is (status RUNNING, lease_token); every write
/// below names both, so a worker whose lease expired and was granted to another cannot move the task.
/// </summary>
public sealed partial class SqlTaskStore
{
    /// <summary>
    /// A tenant found full at the claim is skipped and the pick runs again; each round excludes one more tenant, so this
    /// bounds the work when many tenants fill up at once. Past it, the worker simply polls again.
    /// </summary>
    private const int LeaseRounds = 8;

    public async Task<TaskLease?> TryLeaseNextAsync(string workerId, TimeSpan leaseDuration, int perTenantRunningLimit, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(perTenantRunningLimit, 1);

        var fullTenants = new List<string>();
        for (var round = 0; round < LeaseRounds; round++)
        {
            var (lease, fullTenant) = await TryLeaseOnceAsync(workerId, leaseDuration, perTenantRunningLimit, fullTenants, ct);
            if (fullTenant is null)
            {
                return lease;
            }
            fullTenants.Add(fullTenant);
        }
        return null;
    }

    public Task<bool> HeartbeatAsync(Guid id, string leaseToken, TimeSpan leaseDuration, int progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var expires = Db.Truncate(Time.GetUtcNow() + leaseDuration);
        return UpdateUnderLeaseAsync(id, leaseToken, "lease_expires_at = @expires, progress = @progress",
            c => c.WithTime(Db, "@expires", expires).WithInt("@progress", Math.Clamp(progress, 0, 100)), ct);
    }

    public Task<bool> RecordPlanAsync(Guid id, string leaseToken, string? actualPrompt, string? planJson, CancellationToken ct) =>
        UpdateUnderLeaseAsync(id, leaseToken, "actual_prompt = @prompt, plan_json = @plan",
            c => c.WithText("@prompt", actualPrompt).WithJson(Db, "@plan", planJson), ct);

    public Task<bool> CompleteAsync(Guid id, string leaseToken, string resultKey, TaskUsage usage, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultKey);
        ArgumentNullException.ThrowIfNull(usage);
        return UpdateUnderLeaseAsync(id, leaseToken, """
            status = 'SUCCEEDED', result_key = @result, usage_json = @usage, progress = 100, end_time = @now,
            lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            """, c => c.WithText("@result", resultKey).WithJson(Db, "@usage", TaskJson.Serialize(usage)).WithTime(Db, "@now", Db.Now(Time)), ct);
    }

    public Task<bool> FailAsync(Guid id, string leaseToken, string code, string message, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return UpdateUnderLeaseAsync(id, leaseToken, """
            status = 'FAILED', error_code = @code, error_message = @message, end_time = @now,
            lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            """, c => c.WithText("@code", code).WithText("@message", message ?? "").WithTime(Db, "@now", Db.Now(Time)), ct);
    }

    /// <summary>
    /// One attempt in one write transaction: the provider's fair pick (<see cref="SqlProvider.PickRunnableAsync"/>), then the
    /// claim, only if the tenant is still below its limit. On PostgreSQL the claim runs under the tenant's advisory lock,
    /// which makes count-then-claim a critical section across processes (a fresh statement after the lock sees every lease
    /// committed before it); on SQLite the write lock already does. Returns the tenant instead when it turned out full.
    /// </summary>
    private async Task<(TaskLease? Lease, string? FullTenant)> TryLeaseOnceAsync(
        string workerId, TimeSpan leaseDuration, int limit, List<string> skipTenants, CancellationToken ct)
    {
        var now = Db.Now(Time);
        var expires = Db.Truncate(now + leaseDuration);
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await Db.BeginWriteAsync(connection, ct);
        if (await Db.PickRunnableAsync(connection, tx, now, limit, skipTenants, ct) is not { } picked)
        {
            return (null, null);
        }
        var (id, tenant) = picked;

        var token = Guid.NewGuid().ToString("N");
        var lockSql = Db.TenantLeaseLock;
        // A re-leased task starts over, so its progress does too; scheduled_time keeps the first start.
        await using var claim = connection.Command($"""
            {lockSql}
            UPDATE tasks
            SET status = 'RUNNING', scheduled_time = COALESCE(scheduled_time, @now), progress = 0,
                lease_token = @token, lease_owner = @owner, lease_expires_at = @expires, attempts = attempts + 1
            WHERE id = @id
              AND (SELECT COUNT(*) FROM tasks r
                   WHERE r.tenant_id = @tenant AND r.status = 'RUNNING' AND r.lease_expires_at >= @now)
                  < COALESCE((SELECT k.max_running FROM api_keys k WHERE k.tenant_id = @tenant AND k.revoked_at IS NULL), @limit)
            RETURNING {TaskRow.Columns};
            """, tx)
            .WithId(Db, "@id", id).WithText("@tenant", tenant).WithTime(Db, "@now", now).WithText("@token", token)
            .WithText("@owner", workerId).WithTime(Db, "@expires", expires).WithInt("@limit", limit);
        EditTask? task;
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            if (lockSql.Length > 0)
            {
                await reader.NextResultAsync(ct); // past the lock's single row
            }
            task = await reader.ReadAsync(ct) ? TaskRow.Read(Db, reader) : null;
        }
        if (task is null)
        {
            await tx.RollbackAsync(ct);
            return (null, tenant);
        }
        await tx.CommitAsync(ct);
        return (new TaskLease(task, token, expires), null);
    }

    /// <summary>One compare-and-set UPDATE on (id, RUNNING, token); true when it matched the row.</summary>
    private async Task<bool> UpdateUnderLeaseAsync(Guid id, string leaseToken, string assignments, Action<DbCommand> bind, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseToken);
        await using var connection = await Db.OpenAsync(ct);
        return await connection.ExecuteAsync(null, $"""
            UPDATE tasks SET {assignments}
            WHERE id = @id AND status = 'RUNNING' AND lease_token = @token;
            """, c => bind(c.WithId(Db, "@id", id).WithText("@token", leaseToken)), ct) == 1;
    }
}
