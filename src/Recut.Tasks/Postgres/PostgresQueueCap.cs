using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>
/// Checks the pending-queue caps inside the create transaction. READ COMMITTED alone would let concurrent creates all
/// count the same number and all insert, so the count runs under a transaction-scoped advisory lock: the tenant's own
/// when only the per-tenant cap applies, the service-wide one when a total cap is set (every create then queues on it
/// for the few milliseconds of its insert). The lock is held to commit, so the next create's count sees this insert.
/// </summary>
internal static class PostgresQueueCap
{
    public static async Task CheckAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string tenantId, QueueLimits? limits, CancellationToken ct)
    {
        limits ??= QueueLimits.None;
        var lockSql = limits.Total > 0 ? PostgresLocks.CreateAll : PostgresLocks.CreateTenant;
        await using var command = new NpgsqlCommand($"""
            SELECT {lockSql};
            SELECT (SELECT count(*) FROM tasks WHERE tenant_id = @tenant AND status = 'PENDING'),
                   COALESCE((SELECT max_pending FROM api_keys WHERE tenant_id = @tenant AND revoked_at IS NULL), @perTenant),
                   CASE WHEN @total > 0 THEN (SELECT count(*) FROM tasks WHERE status = 'PENDING') ELSE 0 END;
            """, connection, tx).WithText("tenant", tenantId).With("perTenant", limits.PerTenant).With("total", limits.Total);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's single row
        await reader.ReadAsync(ct);
        limits.Enforce(tenantId, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
    }
}
