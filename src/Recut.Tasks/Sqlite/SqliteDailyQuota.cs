using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// Charges one task to a managed key's daily counter inside the create transaction. The caller holds BEGIN
/// IMMEDIATE, so the read of the counter and its increment cannot interleave with another create: the quota is
/// exact, and a create that fails later rolls the charge back with everything else.
/// </summary>
internal static class SqliteDailyQuota
{
    public static async Task ChargeAsync(SqliteConnection connection, SqliteTransaction tx, string tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var (managed, quota) = await ReadKeyAsync(connection, tx, tenantId, ct);
        if (!managed)
        {
            return; // a static key (or a revoked one): no counter, no quota
        }
        var day = Day(now);
        if (quota is { } limit)
        {
            await using var used = connection.Command("SELECT tasks FROM api_key_usage WHERE tenant_id = $tenant AND day = $day;", tx)
                .With("$tenant", tenantId).With("$day", day);
            if (await used.ExecuteScalarAsync(ct) is long count && count >= limit)
            {
                throw new DailyQuotaExceededException(tenantId, limit);
            }
        }
        // Counted even without a quota, so a quota set later in the day starts from the real figure.
        await using var charge = connection.Command("""
            INSERT INTO api_key_usage (tenant_id, day, tasks) VALUES ($tenant, $day, 1)
            ON CONFLICT (tenant_id, day) DO UPDATE SET tasks = tasks + 1;
            """, tx).With("$tenant", tenantId).With("$day", day);
        await charge.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The UTC day a time falls in, as stored (yyyy-MM-dd sorts and compares as text).</summary>
    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<(bool Managed, int? Quota)> ReadKeyAsync(SqliteConnection connection, SqliteTransaction tx, string tenantId, CancellationToken ct)
    {
        await using var key = connection.Command("SELECT daily_quota FROM api_keys WHERE tenant_id = $tenant AND revoked_at IS NULL;", tx)
            .With("$tenant", tenantId);
        await using var reader = await key.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (false, null);
        }
        return (true, reader.IsDBNull(0) ? null : reader.GetInt32(0));
    }
}
