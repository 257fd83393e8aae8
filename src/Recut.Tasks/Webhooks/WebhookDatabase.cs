using System.Data;
using System.Data.Common;
using Recut.Tasks.Postgres;
using Recut.Tasks.Sqlite;

namespace Recut.Tasks.Webhooks;

/// <summary>
/// What differs between SQLite and PostgreSQL for <see cref="WebhookStore"/>: how a connection is opened and how a
/// task id is stored (TEXT there, uuid here). The webhook tables keep times as unix milliseconds on both, and the SQL
/// sticks to what both speak (RETURNING, ON CONFLICT, LIMIT, @name parameters), so the store itself is written once.
/// </summary>
internal abstract class WebhookDatabase : IAsyncDisposable
{
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    public abstract object TaskKey(Guid id);

    public DbCommand BindTask(DbCommand command, string name, Guid id)
    {
        var key = TaskKey(id);
        return command.With(name, key, key is Guid ? DbType.Guid : DbType.String);
    }

    public static Guid ReadTaskId(DbDataReader reader, int column) =>
        reader.GetValue(column) is Guid id ? id : Guid.Parse(reader.GetString(column));

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static WebhookDatabase Sqlite(string pathOrConnectionString) => new SqliteWebhookDatabase(new SqliteDatabase(pathOrConnectionString));

    public static WebhookDatabase Postgres(string connectionString) => new PostgresWebhookDatabase(PostgresDataSources.Acquire(connectionString));

    private sealed class SqliteWebhookDatabase(SqliteDatabase db) : WebhookDatabase
    {
        public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await db.OpenAsync(ct);

        public override object TaskKey(Guid id) => TaskRow.Key(id);
    }

    private sealed class PostgresWebhookDatabase(PostgresDataSources.Lease pool) : WebhookDatabase
    {
        public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await pool.Source.OpenConnectionAsync(ct);

        public override object TaskKey(Guid id) => id;

        public override async ValueTask DisposeAsync()
        {
            await pool.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}

/// <summary>One line to make a command and one to bind a value, typed so that a null still has a type on PostgreSQL.</summary>
internal static class WebhookCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? tx = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static DbCommand WithText(this DbCommand command, string name, string? value) => command.With(name, value, DbType.String);

    public static DbCommand WithLong(this DbCommand command, string name, long? value) => command.With(name, value, DbType.Int64);

    public static DbCommand WithInt(this DbCommand command, string name, int? value) => command.With(name, value, DbType.Int32);

    public static long? NullableLong(this DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    public static string? NullableString(this DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    public static DateTimeOffset? NullableTime(this DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));
}
