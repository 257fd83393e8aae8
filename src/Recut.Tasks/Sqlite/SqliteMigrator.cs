using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// Applies <see cref="Migration"/>s not yet recorded in <c>schema_version</c>, in order, inside one
/// BEGIN IMMEDIATE transaction, so several processes starting together apply each step exactly once.
/// </summary>
internal static class SqliteMigrator
{
    public static async Task<int> ApplyAsync(SqliteConnection connection, IReadOnlyList<Migration> migrations, TimeProvider time, CancellationToken ct)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        if (ordered.Select(m => m.Version).Distinct().Count() != ordered.Count)
        {
            throw new ArgumentException("Migration versions must be unique.", nameof(migrations));
        }

        // deferred: false = BEGIN IMMEDIATE: take the write lock before reading the version we act on.
        await using var tx = connection.BeginTransaction(deferred: false);
        await Execute(connection, tx, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER PRIMARY KEY,
                applied_at INTEGER NOT NULL
            );
            """, ct);

        await using var current = connection.CreateCommand();
        current.Transaction = tx;
        current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var applied = Convert.ToInt32(await current.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        var count = 0;
        foreach (var migration in ordered.Where(m => m.Version > applied))
        {
            await Execute(connection, tx, migration.Sql, ct);
            await using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($v, $at);";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(ct);
            count++;
        }
        await tx.CommitAsync(ct);
        return count;
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
