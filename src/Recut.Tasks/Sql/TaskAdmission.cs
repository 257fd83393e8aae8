using System.Data.Common;

namespace Recut.Tasks.Sql;

/// <summary>
/// What a create must pass inside its own write transaction before the insert: the pending-queue caps, and for a
/// managed key its daily quota. On SQLite the write lock (BEGIN IMMEDIATE) keeps every other create out from the count
/// to the commit; on PostgreSQL the count runs under a transaction-scoped advisory lock (the tenant's own, or the
/// service-wide one when a total cap is set) held to commit, so the next create's count sees this insert.
/// </summary>
internal static class TaskAdmission
{
    /// <summary>
    /// Checks the caps and reads what the charge needs of the tenant's managed key (none for a static key). A count no cap
    /// needs is not taken: without a cap it grows with the backlog, and on SQLite it would run under the one write lock.
    /// </summary>
    /// <exception cref="QueueFullException">A cap is reached.</exception>
    public static async Task<(bool Managed, int? DailyQuota)> CheckQueueAsync(SqlProvider db, DbConnection connection, DbTransaction tx,
        string tenantId, QueueLimits? limits, CancellationToken ct)
    {
        limits ??= QueueLimits.None;
        var lockSql = db.CreateLock(limits.Total > 0);
        await using var command = connection.Command($"""
            {lockSql}
            SELECT CASE WHEN COALESCE((SELECT max_pending FROM api_keys WHERE tenant_id = @tenant AND revoked_at IS NULL), @perTenant) > 0
                        THEN (SELECT COUNT(*) FROM tasks WHERE tenant_id = @tenant AND status = 'PENDING') ELSE 0 END,
                   COALESCE((SELECT max_pending FROM api_keys WHERE tenant_id = @tenant AND revoked_at IS NULL), @perTenant),
                   CASE WHEN @total > 0 THEN (SELECT COUNT(*) FROM tasks WHERE status = 'PENDING') ELSE 0 END,
                   (SELECT COUNT(*) FROM api_keys WHERE tenant_id = @tenant AND revoked_at IS NULL),
                   (SELECT daily_quota FROM api_keys WHERE tenant_id = @tenant AND revoked_at IS NULL);
            """, tx).WithText("@tenant", tenantId).WithInt("@perTenant", limits.PerTenant).WithInt("@total", limits.Total);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (lockSql.Length > 0)
        {
            await reader.NextResultAsync(ct); // past the lock's result (a row, or none when no cap needed it)
        }
        await reader.ReadAsync(ct);
        limits.Enforce(tenantId, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
        return (reader.GetInt64(3) > 0, reader.NullableInt(4));
    }

    /// <summary>
    /// Charges one task to the key's counter for the UTC day, in one statement: the upsert takes the counter row's lock
    /// and its WHERE is checked on the latest committed version (PostgreSQL) or under the write lock (SQLite), so exactly
    /// <c>quota</c> creates of one key get through. Counted even without a quota, so a quota set later in the day starts
    /// from the real figure. A create that fails later rolls the charge back with its transaction.
    /// </summary>
    /// <exception cref="DailyQuotaExceededException">The quota is used up.</exception>
    public static async Task ChargeDailyQuotaAsync(SqlProvider db, DbConnection connection, DbTransaction tx, string tenantId, int? quota,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var charge = connection.Command("""
            INSERT INTO api_key_usage (tenant_id, day, tasks) VALUES (@tenant, @day, 1)
            ON CONFLICT (tenant_id, day) DO UPDATE SET tasks = api_key_usage.tasks + 1 WHERE api_key_usage.tasks < @quota
            RETURNING tasks;
            """, tx).WithText("@tenant", tenantId).WithDay(db, "@day", now).WithInt("@quota", quota ?? int.MaxValue);
        if (await charge.ExecuteScalarAsync(ct) is null)
        {
            throw new DailyQuotaExceededException(tenantId, quota ?? int.MaxValue);
        }
    }
}
