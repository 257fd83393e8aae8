using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// Checks the pending-queue caps inside the create transaction. The caller holds BEGIN IMMEDIATE, so no other create
/// can insert between this count and the caller's insert: a cap is never passed, however many creates race.
/// </summary>
internal static class SqliteQueueCap
{
    public static async Task CheckAsync(SqliteConnection connection, SqliteTransaction tx, string tenantId, QueueLimits? limits, CancellationToken ct)
    {
        limits ??= QueueLimits.None;
        await using var command = connection.Command("""
            SELECT (SELECT COUNT(*) FROM tasks WHERE tenant_id = $tenant AND status = 'PENDING'),
                   COALESCE((SELECT max_pending FROM api_keys WHERE tenant_id = $tenant AND revoked_at IS NULL), $perTenant),
                   CASE WHEN $total > 0 THEN (SELECT COUNT(*) FROM tasks WHERE status = 'PENDING') ELSE 0 END;
            """, tx).With("$tenant", tenantId).With("$perTenant", limits.PerTenant).With("$total", limits.Total);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        limits.Enforce(tenantId, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
    }
}
