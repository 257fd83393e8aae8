using System.Data;
using System.Data.Common;

namespace Recut.Tasks.Sql;

/// <summary>
/// One database of the task store — SQLite or PostgreSQL — and what really differs between the two, so the stores
/// (<see cref="SqlTaskStore"/>, <see cref="Keys.SqlApiKeyStore"/>, <see cref="Webhooks.WebhookStore"/>,
/// <see cref="Relay.SqlRelayStateStore"/>) are written once over ADO.NET: how a write transaction starts, how a
/// unique violation shows, the lease pick, the schema history, and how times, task ids, days and JSON are stored.
/// The SQL the stores share sticks to what both speak (@name parameters, RETURNING, ON CONFLICT, LIMIT).
/// One instance per process: it owns the connection pool (<see cref="Source"/>) every store of the process shares.
/// </summary>
public abstract class SqlProvider : IAsyncDisposable
{
    private protected SqlProvider(DbDataSource source)
    {
        Source = source;
    }

    /// <summary>The process's one connection pool on this database.</summary>
    public DbDataSource Source { get; }

    /// <summary>"SQLite" or "PostgreSQL", for messages.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The provider named by <c>RECUT_DB</c>: a PostgreSQL connection string (it has <c>Host=</c>) or URI, else a SQLite
    /// file path or connection string. Call <see cref="SqlTaskStore.InitializeAsync"/> (or any store's) before use.
    /// </summary>
    public static SqlProvider Open(string db)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        return TaskStoreFactory.IsPostgres(db) ? new Postgres.PostgresProvider(db) : new Sqlite.SqliteProvider(db);
    }

    internal virtual async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await Source.OpenConnectionAsync(ct);

    /// <summary>Whatever the database needs before its first migration (SQLite: the file's folder and WAL mode).</summary>
    internal virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>A transaction for a read-modify-write: SQLite takes its one write lock at once (BEGIN IMMEDIATE).</summary>
    internal abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it, or rolls it back when the work returns null (it
    /// decided to keep nothing). Returns once the outcome is durable. SQLite overrides this with group commit.
    /// </summary>
    internal virtual async Task<T?> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work, CancellationToken ct)
        where T : class
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        var result = await work(connection, tx, ct);
        if (result is null)
        {
            await tx.RollbackAsync(ct);
        }
        else
        {
            await tx.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for a task create, the API's most frequent write. PostgreSQL batches concurrent creates
    /// into one transaction (<see cref="GroupCommit"/>); on SQLite every write already goes through one.
    /// </summary>
    /// <param name="orderKey">What the create locks (its tenant, then its idempotency key): a batch runs its creates in this order.</param>
    internal virtual Task<T?> CreateWriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work, string orderKey,
        CancellationToken ct)
        where T : class => WriteAsync(work, ct);

    /// <summary>
    /// Runs one hot read-only statement outside a transaction: <paramref name="bind"/> adds its parameters,
    /// <paramref name="run"/> executes it. SQLite overrides this to reuse the statement prepared on a kept-open connection.
    /// </summary>
    internal virtual async Task<T> QueryAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.Command(sql);
        bind(command);
        return await run(command, ct);
    }

    /// <summary>A read-only transaction whose statements all see one snapshot.</summary>
    internal abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct);

    internal abstract bool IsUniqueViolation(DbException e);

    // ---- the schema ----

    /// <summary>The schema's history on this database. Append new steps; never edit or renumber a released one.</summary>
    internal abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Run first in the migration transaction so processes starting together queue (empty where the write lock does it).</summary>
    internal virtual string MigrationLock => "";

    internal abstract string SchemaVersionTable { get; }

    // ---- representation ----

    /// <summary>Now, cut to what the database keeps, so what a caller is handed equals what a later read returns.</summary>
    internal abstract DateTimeOffset Truncate(DateTimeOffset time);

    internal DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());

    internal abstract (object Value, DbType Type) TimeValue(DateTimeOffset time);

    internal abstract DateTimeOffset ReadTime(DbDataReader reader, int column);

    internal DateTimeOffset? ReadNullableTime(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : ReadTime(reader, column);

    /// <summary>A task id as stored: TEXT on SQLite, uuid on PostgreSQL.</summary>
    internal abstract (object Value, DbType Type) IdValue(Guid id);

    internal Guid ReadId(DbDataReader reader, int column) =>
        reader.GetValue(column) is Guid id ? id : Guid.Parse(reader.GetString(column));

    /// <summary>A UTC day of the daily counters: yyyy-MM-dd text on SQLite, date on PostgreSQL.</summary>
    internal abstract (object Value, DbType Type) DayValue(DateTimeOffset time);

    /// <summary>Types a parameter holding JSON text (jsonb on PostgreSQL, where text would not convert implicitly).</summary>
    internal virtual void MarkJson(DbParameter parameter)
    {
    }

    // ---- SQL that differs ----

    /// <summary>The column that orders rows by insertion, the tie-break of equal submit times.</summary>
    internal abstract string InsertionOrder { get; }

    /// <summary>Appended to a subquery picking rows to change, so concurrent callers pass over each other's rows.</summary>
    internal virtual string SkipLocked => "";

    /// <summary>Appended to a read that is followed by a write of the rows of <paramref name="alias"/>.</summary>
    internal virtual string LockRowsOf(string alias) => "";

    /// <summary>
    /// Run before a create's pending count, held to commit, so concurrent creates cannot all count the same number
    /// (empty where the write transaction already serialises creates). It may use <c>@tenant</c> and <c>@perTenant</c>
    /// and answer no row when no cap needs the lock.
    /// </summary>
    internal virtual string CreateLock(bool wholeService) => "";

    /// <summary>Run before a tenant's running tasks are counted for one more lease (parameter <c>@tenant</c>).</summary>
    internal virtual string TenantLeaseLock => "";

    /// <summary>A statement answering true when this process may sweep now; null where the write lock serialises sweeps.</summary>
    internal virtual string? TryRetentionLock => null;

    /// <summary>
    /// The fair pick of the next runnable task within <paramref name="tx"/>: each waiting tenant's oldest runnable task,
    /// the tenant running the fewest first, then the one served longest ago, then the oldest task; tenants at their running
    /// limit and those in <paramref name="skipTenants"/> left out. Null when nothing is runnable.
    /// </summary>
    internal abstract Task<(Guid Id, string Tenant)?> PickRunnableAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now,
        int perTenantRunningLimit, IReadOnlyList<string> skipTenants, CancellationToken ct);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Source.DisposeAsync();
    }
}
