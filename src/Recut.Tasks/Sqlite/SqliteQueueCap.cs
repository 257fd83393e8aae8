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
        var own = reader.GetInt64(0);
        var cap = reader.GetInt32(1);
        var all = reader.GetInt64(2);
        if (cap > 0 && own >= cap)
        {
            throw new QueueFullException(tenantId, wholeService: false, cap);
        }
        if (limits.Total > 0 && all >= limits.Total)
        {
            throw new QueueFullException(tenantId, wholeService: true, limits.Total);
        }
    }
}
