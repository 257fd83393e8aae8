using Recut.Tasks.Postgres;
using Recut.Tasks.Sql;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks;

/// <summary>
/// Builds the task store named by configuration (<c>RECUT_DB</c> / <c>--db</c>) with a database of its own, closed with
/// it. A process that runs several stores opens one <see cref="SqlProvider"/> and builds them all on it instead.
/// </summary>
public static class TaskStoreFactory
{
    /// <summary>
    /// A SQLite store on a file path (<c>./data/recut.db</c>) or a full Microsoft.Data.Sqlite connection
    /// string (<c>Data Source=…</c>). Call <see cref="ITaskMaintenance.InitializeAsync"/> before use.
    /// </summary>
    public static SqlTaskStore CreateSqlite(string pathOrConnectionString, TimeProvider time) =>
        new(new SqliteProvider(pathOrConnectionString), time, ownsDatabase: true);

    /// <summary>
    /// A PostgreSQL store shared by any number of processes: an Npgsql connection string
    /// (<c>Host=…;Database=…;Username=…;Password=…</c>) or a <c>postgresql://</c> URI. Tables go in the first
    /// schema of the search path (<c>Search Path=…</c>). Call <see cref="ITaskMaintenance.InitializeAsync"/> before use.
    /// </summary>
    public static SqlTaskStore CreatePostgres(string connectionString, TimeProvider time) =>
        new(new PostgresProvider(connectionString), time, ownsDatabase: true);

    /// <summary>The store named by <c>RECUT_DB</c>: a PostgreSQL connection string (it has <c>Host=</c>) or a SQLite path.</summary>
    public static SqlTaskStore Create(string db, TimeProvider time) => new(SqlProvider.Open(db), time, ownsDatabase: true);

    public static bool IsPostgres(string db) =>
        db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
}
