using System.Collections.Concurrent;
using System.Data.Common;

namespace Recut.Tasks.Sqlite;

/// <summary>
/// Kept-open read connections that keep their prepared statements. Microsoft.Data.Sqlite prepares a statement per command
/// object and drops it when its connection goes back to the pool, so a hot read (a task's status, polled by every client)
/// would parse and plan its SQL and re-apply the connection's pragmas on every call; here it runs a statement prepared
/// once per connection. A statement outside a transaction reads the latest commit (SQLite starts a read snapshot per
/// statement and ends it when the reader is disposed), so a kept-open connection sees what a fresh one would.
/// </summary>
internal sealed class SqlitePreparedReads : IAsyncDisposable
{
    /// <summary>SQLite calls run synchronously, so no more than a few threads read at once; more idle ones are closed.</summary>
    private const int MaxIdle = 16;

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _disposed;

    public SqlitePreparedReads(Func<CancellationToken, ValueTask<DbConnection>> open)
    {
        _open = open;
    }

    /// <summary>Runs <paramref name="sql"/> (one read-only statement) with the parameters <paramref name="bind"/> adds.</summary>
    public async Task<T> QueryAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, CancellationToken, Task<T>> run, CancellationToken ct)
    {
        var reader = _idle.TryTake(out var idle) ? idle : new Reader(await _open(ct));
        T result;
        try
        {
            var command = reader.Command(sql);
            command.Parameters.Clear();
            bind(command);
            result = await run(command, ct);
        }
        catch
        {
            // Whatever state the failure left it in, this connection is not handed out again.
            await reader.DisposeAsync();
            throw;
        }
        if (_disposed || _idle.Count >= MaxIdle)
        {
            await reader.DisposeAsync();
        }
        else
        {
            _idle.Add(reader);
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            await reader.DisposeAsync();
        }
    }

    /// <summary>One connection and the statements prepared on it, by SQL text.</summary>
    private sealed class Reader(DbConnection connection) : IAsyncDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public DbCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
            await connection.DisposeAsync();
        }
    }
}
