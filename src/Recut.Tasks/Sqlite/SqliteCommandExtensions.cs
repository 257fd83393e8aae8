using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Sqlite;

/// <summary>Keeps the store's SQL readable: one line to make a command, one to bind a nullable value.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>BEGIN IMMEDIATE: take the write lock before reading, so read-modify-write cannot interleave.</summary>
    public static SqliteTransaction BeginImmediate(this SqliteConnection connection) =>
        connection.BeginTransaction(deferred: false);

    public static bool IsUniqueViolation(this SqliteException e) =>
        e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555; // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
}
