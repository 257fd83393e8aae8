using System.Data;
using System.Data.Common;

namespace Recut.Tasks.Sql;

/// <summary>
/// One line to make a command and one to bind a value, typed so that a null still has a type on PostgreSQL; values whose
/// storage differs between the databases (times, task ids, days, JSON) are bound through the <see cref="SqlProvider"/>.
/// </summary>
internal static class SqlCommands
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

    public static DbCommand WithTime(this DbCommand command, SqlProvider db, string name, DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return command.With(name, null, db.TimeValue(DateTimeOffset.UnixEpoch).Type);
        }
        var (value, type) = db.TimeValue(t);
        return command.With(name, value, type);
    }

    public static DbCommand WithId(this DbCommand command, SqlProvider db, string name, Guid id)
    {
        var (value, type) = db.IdValue(id);
        return command.With(name, value, type);
    }

    public static DbCommand WithDay(this DbCommand command, SqlProvider db, string name, DateTimeOffset time)
    {
        var (value, type) = db.DayValue(time);
        return command.With(name, value, type);
    }

    public static DbCommand WithJson(this DbCommand command, SqlProvider db, string name, string? json)
    {
        command.With(name, json, DbType.String);
        db.MarkJson(command.Parameters[^1]);
        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? tx, string sql, Action<DbCommand> bind, CancellationToken ct)
    {
        await using var command = connection.Command(sql, tx);
        bind(command);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static long? NullableLong(this DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    public static int? NullableInt(this DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);

    public static string? NullableString(this DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>A time kept as unix milliseconds on both databases (the webhook and relay tables).</summary>
    public static DateTimeOffset? NullableTime(this DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));
}
