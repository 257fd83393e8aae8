using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>
/// The worker side: leasing, heartbeats and the final writes. A lease is (status RUNNING, lease_token); every
/// write below names both, so a worker whose lease expired and was granted to another cannot move the task.
/// </summary>
public sealed partial class PostgresTaskStore
{
    /// <summary>
    /// A tenant found full at the re-check is skipped and the pick runs again; each round excludes one more
    /// tenant, so this bounds the work when many tenants fill up at once. Past it, the worker simply polls again.
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

    /// <summary>
    /// One attempt in one transaction: pick the oldest runnable task nobody else is picking (SKIP LOCKED), then,
    /// under the tenant's advisory lock, claim it only if the tenant is still below its limit. The lock makes the
    /// count-then-claim of one tenant a critical section across processes; a fresh statement after the lock sees
    /// every lease committed before it. Returns the tenant instead when it turned out to be full.
    /// </summary>
    private async Task<(TaskLease? Lease, string? FullTenant)> TryLeaseOnceAsync(
        string workerId, TimeSpan leaseDuration, int limit, List<string> skipTenants, CancellationToken ct)
    {
        var now = PgTime.Now(_time);
        var expires = PgTime.Truncate(now + leaseDuration);
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        Guid id;
        string tenant;
        // Fair across tenants: the tenant running the fewest tasks goes first, then the one served longest ago (never
        // served first), then the oldest task; so a tenant flooding the queue takes turns with the others instead of
        // holding every worker until its backlog is gone. SKIP LOCKED moves past a row another worker is claiming.
        await using (var pick = new NpgsqlCommand("""
            WITH waiting AS (
                SELECT DISTINCT tenant_id FROM tasks
                WHERE status IN ('PENDING', 'RUNNING') AND (status = 'PENDING' OR lease_expires_at < @now)
                  AND tenant_id <> ALL (@skip)),
            state AS (
                SELECT w.tenant_id,
                       (SELECT count(*) FROM tasks r
                        WHERE r.tenant_id = w.tenant_id AND r.status = 'RUNNING' AND r.lease_expires_at >= @now) AS running,
                       (SELECT max(x.scheduled_time) FROM tasks x WHERE x.tenant_id = w.tenant_id) AS last_start,
                       -- a managed key's own running limit, else the server's
                       COALESCE((SELECT k.max_running FROM api_keys k
                                 WHERE k.tenant_id = w.tenant_id AND k.revoked_at IS NULL), @limit) AS running_limit
                FROM waiting w)
            SELECT t.id, t.tenant_id FROM tasks t JOIN state s ON s.tenant_id = t.tenant_id
            WHERE t.status IN ('PENDING', 'RUNNING')
              AND (t.status = 'PENDING' OR t.lease_expires_at < @now)
              AND s.running < s.running_limit
            ORDER BY s.running, s.last_start NULLS FIRST, t.submit_time, t.seq
            LIMIT 1
            FOR UPDATE OF t SKIP LOCKED;
            """, connection, tx).WithTime("now", now).With("limit", limit).With("skip", skipTenants.ToArray()))
        {
            await using var reader = await pick.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return (null, null);
            }
            id = reader.GetGuid(0);
            tenant = reader.GetString(1);
        }

        var token = Guid.NewGuid().ToString("N");
        await using var claim = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {PostgresLocks.TenantLease};") { Parameters = { PostgresCommands.Text("tenant", tenant) } },
                // A re-leased task starts over, so its progress does too; scheduled_time keeps the first start.
                new NpgsqlBatchCommand($"""
                    UPDATE tasks
                    SET status = 'RUNNING', scheduled_time = COALESCE(scheduled_time, @now), progress = 0,
                        lease_token = @token, lease_owner = @owner, lease_expires_at = @expires, attempts = attempts + 1
                    WHERE id = @id
                      AND (SELECT count(*) FROM tasks r
                           WHERE r.tenant_id = @tenant AND r.status = 'RUNNING' AND r.lease_expires_at >= @now)
                          < COALESCE((SELECT k.max_running FROM api_keys k WHERE k.tenant_id = @tenant AND k.revoked_at IS NULL), @limit)
                    RETURNING {PostgresTaskRow.Columns};
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter("id", id), PostgresCommands.Text("tenant", tenant), PostgresCommands.Time("now", now),
                        PostgresCommands.Text("token", token), PostgresCommands.Text("owner", workerId),
                        PostgresCommands.Time("expires", expires), new NpgsqlParameter("limit", limit),
                    },
                },
            },
        };
        EditTask? task;
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct); // past the lock's single row
            task = await reader.ReadAsync(ct) ? PostgresTaskRow.Read(reader) : null;
        }
        if (task is null)
        {
            await tx.RollbackAsync(ct);
            return (null, tenant);
        }
        await tx.CommitAsync(ct);
        return (new TaskLease(task, token, expires), null);
    }

    public Task<bool> HeartbeatAsync(Guid id, string leaseToken, TimeSpan leaseDuration, int progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var expires = PgTime.Truncate(_time.GetUtcNow() + leaseDuration);
        return UpdateUnderLeaseAsync(id, leaseToken, "lease_expires_at = @expires, progress = @progress", ct,
            PostgresCommands.Time("expires", expires), new NpgsqlParameter("progress", Math.Clamp(progress, 0, 100)));
    }

    public Task<bool> RecordPlanAsync(Guid id, string leaseToken, string? actualPrompt, string? planJson, CancellationToken ct) =>
        UpdateUnderLeaseAsync(id, leaseToken, "actual_prompt = @prompt, plan_json = @plan::jsonb", ct,
            PostgresCommands.Text("prompt", actualPrompt), PostgresCommands.Text("plan", planJson));

    public Task<bool> CompleteAsync(Guid id, string leaseToken, string resultKey, TaskUsage usage, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultKey);
        ArgumentNullException.ThrowIfNull(usage);
        return UpdateUnderLeaseAsync(id, leaseToken, """
            status = 'SUCCEEDED', result_key = @result, usage_json = @usage::jsonb, progress = 100, end_time = @now,
            lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            """, ct, PostgresCommands.Text("result", resultKey), PostgresCommands.Text("usage", TaskJson.Serialize(usage)),
            PostgresCommands.Time("now", PgTime.Now(_time)));
    }

    public Task<bool> FailAsync(Guid id, string leaseToken, string code, string message, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return UpdateUnderLeaseAsync(id, leaseToken, """
            status = 'FAILED', error_code = @code, error_message = @message, end_time = @now,
            lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            """, ct, PostgresCommands.Text("code", code), PostgresCommands.Text("message", message ?? ""),
            PostgresCommands.Time("now", PgTime.Now(_time)));
    }

    public async Task<int> FailExhaustedAsync(int maxAttempts, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        // Every worker calls this before every lease: SKIP LOCKED keeps concurrent callers from waiting on (or
        // deadlocking over) each other's rows; a row one of them skips is failed by the one holding it.
        await using var command = _db.CreateCommand("""
            UPDATE tasks t
            SET status = 'FAILED', error_code = 'InternalError', end_time = @now,
                error_message = 'The task was abandoned by workers ' || t.attempts
                    || ' times (each stopped renewing its lease before finishing), so it will not be retried.',
                lease_token = NULL, lease_owner = NULL, lease_expires_at = NULL
            FROM (SELECT id FROM tasks
                  WHERE status = 'RUNNING' AND lease_expires_at < @now AND attempts >= @max
                  FOR UPDATE SKIP LOCKED) exhausted
            WHERE t.id = exhausted.id;
            """).WithTime("now", PgTime.Now(_time)).With("max", maxAttempts);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One compare-and-set UPDATE on (id, RUNNING, token); true when it matched the row.</summary>
    private async Task<bool> UpdateUnderLeaseAsync(Guid id, string leaseToken, string assignments, CancellationToken ct,
        params NpgsqlParameter[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseToken);
        await using var command = _db.CreateCommand($"""
            UPDATE tasks SET {assignments}
            WHERE id = @id AND status = 'RUNNING' AND lease_token = @token;
            """).With("id", id).WithText("token", leaseToken);
        command.Parameters.AddRange(values);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }
}
