namespace Recut.Tasks.Sqlite;

/// <summary>
/// The worker side: leasing, heartbeats and the final writes. A lease is (status RUNNING, lease_token);
/// every write below names both, so a worker whose lease expired and was granted to another cannot move the task.
/// </summary>
public sealed partial class SqliteTaskStore
{
    public async Task<TaskLease?> TryLeaseNextAsync(string workerId, TimeSpan leaseDuration, int perTenantRunningLimit, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(perTenantRunningLimit, 1);

        var now = UnixMs.Now(_time);
        var expires = UnixMs.ToTime(UnixMs.From(now + leaseDuration));
        var token = Guid.NewGuid().ToString("N");

        await using var connection = await _db.OpenAsync(ct);
        // The pick and the claim happen under one write lock, so two workers (or processes) never claim one task.
        await using var tx = connection.BeginImmediate();
        // Fair across tenants: each tenant's oldest runnable task is a candidate; the tenant running the fewest tasks
        // goes first, then the one served longest ago (never served first), then the oldest task. So a tenant that
        // floods the queue takes turns with the others instead of holding every worker until its backlog is gone.
        await using var pick = connection.Command("""
            WITH runnable AS (
                SELECT t.id, t.tenant_id, t.submit_time, t.rowid AS rid,
                       ROW_NUMBER() OVER (PARTITION BY t.tenant_id ORDER BY t.submit_time, t.rowid) AS place
                FROM tasks t
                WHERE t.status = 'PENDING' OR (t.status = 'RUNNING' AND t.lease_expires_at < $now)),
            heads AS (
                SELECT r.id, r.tenant_id, r.submit_time, r.rid,
                       (SELECT COUNT(*) FROM tasks x
                        WHERE x.tenant_id = r.tenant_id AND x.status = 'RUNNING' AND x.lease_expires_at >= $now) AS running,
                       (SELECT MAX(x.scheduled_time) FROM tasks x WHERE x.tenant_id = r.tenant_id) AS last_start
                FROM runnable r WHERE r.place = 1)
            SELECT h.id FROM heads h
            -- a managed key's own running limit, else the server's
            WHERE h.running < COALESCE((SELECT k.max_running FROM api_keys k WHERE k.tenant_id = h.tenant_id AND k.revoked_at IS NULL), $limit)
            ORDER BY h.running, h.last_start IS NOT NULL, h.last_start, h.submit_time, h.rid
            LIMIT 1;
            """, tx).With("$now", UnixMs.From(now)).With("$limit", perTenantRunningLimit);
        if (await pick.ExecuteScalarAsync(ct) is not string id)
        {
            return null;
        }

        // A re-leased task starts over, so its progress does too; scheduled_time keeps the first start.
        await using var claim = connection.Command($"""
            UPDATE tasks
            SET status = 'RUNNING', scheduled_time = COALESCE(scheduled_time, $now), progress = 0,
                lease_token = $token, lease_owner = $owner, lease_expires_at = $expires, attempts = attempts + 1
            WHERE id = $id
            RETURNING {TaskRow.Columns};
            """, tx)
            .With("$id", id).With("$now", UnixMs.From(now)).With("$token", token)
            .With("$owner", workerId).With("$expires", UnixMs.From(expires));
        var task = await TaskRow.ReadOneAsync(claim, ct)
            ?? throw new InvalidOperationException($"Task {id} vanished inside its lease transaction.");
        await tx.CommitAsync(ct);
        return new TaskLease(task, token, expires);
    }

    public Task<bool> HeartbeatAsync(Guid id, string leaseToken, TimeSpan leaseDuration, int progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var expires = UnixMs.From(_time.GetUtcNow() + leaseDuration);
        return UpdateUnderLeaseAsync(id, leaseToken, "lease_expires_at = $expires, progress = $progress", ct,
            ("$expires", expires), ("$progress", Math.Clamp(progress, 0, 100)));
    }

    public Task<bool> RecordPlanAsync(Guid id, string leaseToken, string? actualPrompt, string? planJson, CancellationToken ct) =>
        UpdateUnderLeaseAsync(id, leaseToken, "actual_prompt = $prompt, plan_json = $plan", ct, ("$prompt", actualPrompt), ("$plan", planJson));

    public Task<bool> CompleteAsync(Guid id, string leaseToken, string resultKey, TaskUsage usage, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultKey);
        ArgumentNullException.ThrowIfNull(usage);
        return UpdateUnderLeaseAsync(id, leaseToken, """
            status = 'SUCCEEDED', result_key = $result, usage_json = $usage, progress = 100, end_time = $now,
            lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            """, ct, ("$result", resultKey), ("$usage", TaskJson.Serialize(usage)), ("$now", UnixMs.From(_time.GetUtcNow())));
    }

    public Task<bool> FailAsync(Guid id, string leaseToken, string code, string message, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return UpdateUnderLeaseAsync(id, leaseToken, """
            status = 'FAILED', error_code = $code, error_message = $message, end_time = $now,
            lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            """, ct, ("$code", code), ("$message", message ?? ""), ("$now", UnixMs.From(_time.GetUtcNow())));
    }

    public async Task<int> FailExhaustedAsync(int maxAttempts, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.Command("""
            UPDATE tasks
            SET status = 'FAILED', error_code = 'InternalError', end_time = $now,
                error_message = 'The task was abandoned by workers ' || attempts
                    || ' times (each stopped renewing its lease before finishing), so it will not be retried.',
                lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE status = 'RUNNING' AND lease_expires_at < $now AND attempts >= $max;
            """).With("$now", UnixMs.From(_time.GetUtcNow())).With("$max", maxAttempts);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One compare-and-set UPDATE on (id, RUNNING, token); true when it matched the row.</summary>
    private async Task<bool> UpdateUnderLeaseAsync(Guid id, string leaseToken, string assignments, CancellationToken ct,
        params (string Name, object? Value)[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseToken);
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.Command($"""
            UPDATE tasks SET {assignments}
            WHERE id = $id AND status = 'RUNNING' AND lease_token = $token;
            """).With("$id", TaskRow.Key(id)).With("$token", leaseToken);
        foreach (var (name, value) in values)
        {
            command.With(name, value);
        }
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }
}
