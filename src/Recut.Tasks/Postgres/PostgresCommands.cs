using Npgsql;
using NpgsqlTypes;

namespace Recut.Tasks.Postgres;

/// <summary>Keeps the store's SQL readable: one call to bind a value, typed so a null still has a type.</summary>
internal static class PostgresCommands
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object value)
    {
        command.Parameters.AddWithValue(name, value);
        return command;
    }

    public static NpgsqlCommand WithText(this NpgsqlCommand command, string name, string? value)
    {
        command.Parameters.Add(Text(name, value));
        return command;
    }

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string json)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
        return command;
    }

    public static NpgsqlCommand WithTime(this NpgsqlCommand command, string name, DateTimeOffset time)
    {
        command.Parameters.Add(Time(name, time));
        return command;
    }

    public static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    /// <summary>timestamptz accepts only UTC offsets from Npgsql; any caller's offset is converted first.</summary>
    public static NpgsqlParameter Time(string name, DateTimeOffset time) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = time.ToUniversalTime() };

    /// <summary>unique_violation: another transaction inserted the same key first.</summary>
    public static bool IsUniqueViolation(this PostgresException e) => e.SqlState == PostgresErrorCodes.UniqueViolation;
}

/// <summary>PostgreSQL keeps microseconds; "now" is cut to them so what a caller is handed equals what a later read returns.</summary>
internal static class PgTime
{
    public static DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset t)
    {
        var utc = t.UtcTicks;
        return new DateTimeOffset(utc - (utc % 10), TimeSpan.Zero);
    }
}
