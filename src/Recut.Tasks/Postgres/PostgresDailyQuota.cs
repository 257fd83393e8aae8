using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>
/// Charges one task to a managed key's daily counter inside the create transaction, in one statement: the upsert
/// takes the counter row's lock, and READ COMMITTED re-checks <c>tasks &lt; quota</c> on the latest committed
/// version, so concurrent creates of one key queue on the row and exactly <c>quota</c> of them get through. A create
/// that fails later (an idempotency race) rolls the charge back with its transaction.
/// </summary>
internal static class PostgresDailyQuota
{
    private const string Sql = """
        WITH k AS (
            SELECT COALESCE(daily_quota, 2147483647) AS quota, daily_quota
            FROM api_keys WHERE tenant_id = @tenant AND revoked_at IS NULL),
        charged AS (
            INSERT INTO api_key_usage AS u (tenant_id, day, tasks)
            SELECT @tenant, @day, 1 FROM k
            ON CONFLICT (tenant_id, day) DO UPDATE SET tasks = u.tasks + 1
                WHERE u.tasks < (SELECT quota FROM k)
            RETURNING u.tasks)
        SELECT EXISTS (SELECT 1 FROM k), (SELECT daily_quota FROM k), EXISTS (SELECT 1 FROM charged);
        """;

    public static async Task ChargeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string tenantId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection, tx)
            .WithText("tenant", tenantId)
            .With("day", Day(now));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var managed = reader.GetBoolean(0);
        var charged = reader.GetBoolean(2);
        if (managed && !charged)
        {
            // Counted even without a quota (the COALESCE), so only a key with a quota can be refused.
            throw new DailyQuotaExceededException(tenantId, reader.GetInt32(1));
        }
    }

    public static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);
}
