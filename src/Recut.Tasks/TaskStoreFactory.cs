using Recut.Tasks.Postgres;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks;

/// <summary>Builds the task store named by configuration (<c>RECUT_DB</c> / <c>--db</c>).</summary>
public static class TaskStoreFactory
{
    /// <summary>
    /// A SQLite store on a file path (<c>./data/recut.db</c>) or a full Microsoft.Data.Sqlite connection
    /// string (<c>Data Source=…</c>). Call <see cref="ITaskStore.InitializeAsync"/> before use.
    /// </summary>
    public static ITaskStore CreateSqlite(string pathOrConnectionString, TimeProvider time) =>
        new SqliteTaskStore(pathOrConnectionString, time);

    /// <summary>
    /// A PostgreSQL store shared by any number of processes: an Npgsql connection string
    /// (<c>Host=…;Database=…;Username=…;Password=…</c>) or a <c>postgresql://</c> URI. Tables go in the first
    /// schema of the search path (<c>Search Path=…</c>). Call <see cref="ITaskStore.InitializeAsync"/> before use.
    /// </summary>
    public static ITaskStore CreatePostgres(string connectionString, TimeProvider time) =>
        new PostgresTaskStore(connectionString, time);

    /// <summary>
    /// The store named by <c>RECUT_DB</c>: a PostgreSQL connection string (it has <c>Host=</c>) or a SQLite path.
    /// </summary>
    public static ITaskStore Create(string db, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        return IsPostgres(db) ? CreatePostgres(db, time) : CreateSqlite(db, time);
    }

    public static bool IsPostgres(string db) =>
        db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
}
