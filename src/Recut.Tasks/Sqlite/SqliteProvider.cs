using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Recut.Tasks.Sql;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// The task store on one SQLite file in WAL mode, safe for many workers in one process and for several processes
/// sharing the file: every read-modify-write runs under BEGIN IMMEDIATE (one writer at a time, the others wait on
/// busy_timeout), so the counts a create or a lease checks cannot change before its write. Times are unix
/// milliseconds, task ids TEXT. Connections come from Microsoft.Data.Sqlite's pool, one per operation.
/// </summary>
public sealed class SqliteProvider : SqlProvider
{
    /// <summary>How long a writer waits for another writer's lock before SQLITE_BUSY.</summary>
    public const int BusyTimeoutMs = 5000;

    /// <param name="pathOrConnectionString">A file path, or a connection string containing <c>Data Source=</c>.</param>
    public SqliteProvider(string pathOrConnectionString)
        : this(Settings(pathOrConnectionString))
    {
    }

    private readonly GroupCommit _writes;
    private readonly SqlitePreparedReads _reads;

    private SqliteProvider(SqliteConnectionStringBuilder builder)
        : base(SqliteFactory.Instance.CreateDataSource(builder.ToString()))
    {
        FilePath = Path.GetFullPath(builder.DataSource);
        _writes = new GroupCommit(OpenAsync, BeginWriteAsync);
        _reads = new SqlitePreparedReads(OpenAsync);
    }

    /// <summary>The group commit every create of this process goes through (tests hold a batch open with it).</summary>
    internal GroupCommit Writes => _writes;

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    public override string Name => "SQLite";

    internal override IReadOnlyList<Migration> Migrations => SqliteTaskSchema.Migrations;

    internal override string SchemaVersionTable => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER PRIMARY KEY,
            applied_at INTEGER NOT NULL
        );
        """;

    internal override string InsertionOrder => "rowid";

    internal override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await base.OpenAsync(ct);
        try
        {
            // Per-connection setting; re-applied on every open because a pooled connection may be fresh.
            await using var pragma = connection.Command($"PRAGMA busy_timeout = {BusyTimeoutMs};");
            await pragma.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the file's folder and switches the file to WAL (persistent, so once per file is enough).</summary>
    internal override async Task PrepareAsync(CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await using var connection = await OpenAsync(ct);
        // WAL lets readers run beside the single writer, and makes BEGIN IMMEDIATE the only write gate.
        await using var command = connection.Command("PRAGMA journal_mode = WAL;");
        var mode = (string?)await command.ExecuteScalarAsync(ct);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for '{FilePath}' (journal mode is '{mode}').");
        }
    }

    /// <summary>BEGIN IMMEDIATE: take the write lock before reading, so read-modify-write cannot interleave.</summary>
    internal override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>
    /// Through the group commit: SQLite has one writer at a time, so callers each taking the write lock would queue in
    /// the busy handler's growing sleeps and pay one WAL sync each; one batch pays one sync for all of them.
    /// </summary>
    internal override Task<T?> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T?>> work, CancellationToken ct)
        where T : class => _writes.RunAsync(work, ct);

    internal override Task<T> QueryAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken ct) => _reads.QueryAsync(sql, bind, run, ct);

    /// <summary>A deferred transaction: WAL gives its reads one snapshot without taking the write lock.</summary>
    internal override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    internal override bool IsUniqueViolation(DbException e) =>
        e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }; // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY

    internal override DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    internal override (object Value, DbType Type) TimeValue(DateTimeOffset time) => (time.ToUnixTimeMilliseconds(), DbType.Int64);

    internal override DateTimeOffset ReadTime(DbDataReader reader, int column) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));

    internal override (object Value, DbType Type) IdValue(Guid id) => (id.ToString("D"), DbType.String);

    /// <summary>yyyy-MM-dd sorts and compares as text.</summary>
    internal override (object Value, DbType Type) DayValue(DateTimeOffset time) =>
        (time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DbType.String);

    /// <summary>
    /// Pick and claim run under one write lock, so the running counts cannot change in between and no tenant is ever
    /// found full at the claim (<paramref name="skipTenants"/> stays empty here).
    /// </summary>
    internal override async Task<(Guid Id, string Tenant)?> PickRunnableAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now,
        int perTenantRunningLimit, IReadOnlyList<string> skipTenants, CancellationToken ct)
    {
        await using var pick = connection.Command("""
            WITH runnable AS (
                SELECT t.id, t.tenant_id, t.submit_time, t.rowid AS rid,
                       ROW_NUMBER() OVER (PARTITION BY t.tenant_id ORDER BY t.submit_time, t.rowid) AS place
                FROM tasks t
                WHERE t.status = 'PENDING' OR (t.status = 'RUNNING' AND t.lease_expires_at < @now)),
            heads AS (
                SELECT r.id, r.tenant_id, r.submit_time, r.rid,
                       (SELECT COUNT(*) FROM tasks x
                        WHERE x.tenant_id = r.tenant_id AND x.status = 'RUNNING' AND x.lease_expires_at >= @now) AS running,
                       (SELECT MAX(x.scheduled_time) FROM tasks x WHERE x.tenant_id = r.tenant_id) AS last_start
                FROM runnable r WHERE r.place = 1)
            SELECT h.id, h.tenant_id FROM heads h
            -- a managed key's own running limit, else the server's
            WHERE h.running < COALESCE((SELECT k.max_running FROM api_keys k WHERE k.tenant_id = h.tenant_id AND k.revoked_at IS NULL), @limit)
            ORDER BY h.running, h.last_start IS NOT NULL, h.last_start, h.submit_time, h.rid
            LIMIT 1;
            """, tx).WithTime(this, "@now", now).WithInt("@limit", perTenantRunningLimit);
        await using var reader = await pick.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (ReadId(reader, 0), reader.GetString(1)) : null;
    }

    /// <summary>Commits the writes still queued, then closes the pool.</summary>
    public override async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _reads.DisposeAsync();
        await base.DisposeAsync();
    }

    private static SqliteConnectionStringBuilder Settings(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        var builder = LooksLikeConnectionString(pathOrConnectionString)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            // Every operation opens its own connection, and each in-memory connection is a separate database.
            throw new ArgumentException("The SQLite task store needs a file; in-memory databases are not supported.", nameof(pathOrConnectionString));
        }
        builder.Pooling = true;
        builder.ForeignKeys = true;
        // Microsoft.Data.Sqlite retries SQLITE_BUSY for up to the command timeout (seconds) on top of busy_timeout.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        if (builder.Cache == SqliteCacheMode.Shared)
        {
            // Shared cache uses table locks that bypass busy_timeout; WAL with private caches is what we want.
            builder.Cache = SqliteCacheMode.Private;
        }
        return builder;
    }

    private static bool LooksLikeConnectionString(string value) =>
        value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("DataSource=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Filename=", StringComparison.OrdinalIgnoreCase);
}
