using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>
/// Applies <see cref="Migration"/>s not yet recorded in <c>schema_version</c>, in order, in one transaction
/// under an advisory lock: processes starting together queue on the lock, and the later ones find every step
/// applied. PostgreSQL DDL is transactional, so a step that fails leaves nothing half-done.
/// </summary>
internal static class PostgresMigrator
{
    public static async Task<int> ApplyAsync(NpgsqlConnection connection, IReadOnlyList<Migration> migrations, TimeProvider time, CancellationToken ct)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        if (ordered.Select(m => m.Version).Distinct().Count() != ordered.Count)
        {
            throw new ArgumentException("Migration versions must be unique.", nameof(migrations));
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, $"SELECT {PostgresLocks.Migrate};", ct);
        await ExecuteAsync(connection, tx, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     PRIMARY KEY,
                applied_at timestamptz NOT NULL
            );
            """, ct);

        await using var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, tx);
        var applied = Convert.ToInt32(await current.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        var count = 0;
        foreach (var migration in ordered.Where(m => m.Version > applied))
        {
            await ExecuteAsync(connection, tx, migration.Sql, ct);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, applied_at) VALUES (@v, @at);", connection, tx)
                .With("v", migration.Version)
                .WithTime("at", time.GetUtcNow());
            await record.ExecuteNonQueryAsync(ct);
            count++;
        }
        await tx.CommitAsync(ct);
        return count;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
