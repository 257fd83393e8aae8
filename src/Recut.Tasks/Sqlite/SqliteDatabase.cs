using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// Opens connections to one SQLite file with the settings every operation relies on:
/// a busy timeout so writers from other threads or processes queue instead of failing, and foreign keys.
/// One connection per operation; the pool makes that cheap.
/// </summary>
internal sealed class SqliteDatabase
{
    /// <summary>How long a writer waits for another writer's lock before SQLITE_BUSY.</summary>
    public const int BusyTimeoutMs = 5000;

    public SqliteDatabase(string pathOrConnectionString)
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
        ConnectionString = builder.ToString();
        FilePath = Path.GetFullPath(builder.DataSource);
    }

    public string ConnectionString { get; }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Per-connection setting; re-applied on every open because a pooled connection may be fresh.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
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
    public async Task PrepareFileAsync(CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // WAL lets readers run beside the single writer, and makes BEGIN IMMEDIATE the only write gate.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(ct);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for '{FilePath}' (journal mode is '{mode}').");
        }
    }

    private static bool LooksLikeConnectionString(string value) =>
        value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("DataSource=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Filename=", StringComparison.OrdinalIgnoreCase);
}
