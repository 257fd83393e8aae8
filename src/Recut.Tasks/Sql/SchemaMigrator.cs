using System.Data.Common;
using System.Globalization;

namespace Recut.Tasks.Sql;

/// <summary>
/// Applies <see cref="Migration"/>s not yet recorded in <c>schema_version</c>, in order, in one write transaction: on
/// SQLite under BEGIN IMMEDIATE, on PostgreSQL under an advisory lock (its DDL is transactional too). Processes starting
/// together queue, the later ones find every step applied, and a step that fails leaves nothing half-done.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task<int> ApplyAsync(SqlProvider db, DbConnection connection, IReadOnlyList<Migration> migrations, TimeProvider time,
        CancellationToken ct)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        if (ordered.Select(m => m.Version).Distinct().Count() != ordered.Count)
        {
            throw new ArgumentException("Migration versions must be unique.", nameof(migrations));
        }

        await using var tx = await db.BeginWriteAsync(connection, ct);
        if (db.MigrationLock.Length > 0)
        {
            await connection.ExecuteAsync(tx, db.MigrationLock, _ => { }, ct);
        }
        await connection.ExecuteAsync(tx, db.SchemaVersionTable, _ => { }, ct);

        await using var current = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version;", tx);
        var applied = Convert.ToInt32(await current.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

        var count = 0;
        foreach (var migration in ordered.Where(m => m.Version > applied))
        {
            await connection.ExecuteAsync(tx, migration.Sql, _ => { }, ct);
            await connection.ExecuteAsync(tx, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at);",
                c => c.WithInt("@v", migration.Version).WithTime(db, "@at", time.GetUtcNow()), ct);
            count++;
        }
        await tx.CommitAsync(ct);
        return count;
    }
}
