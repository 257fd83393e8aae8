namespace Recut.Tasks.Sql;

/// <summary>
/// What the task, key and webhook stores share: the process's database and clock. The server hands one
/// <see cref="SqlProvider"/> to all three (one pool per process); a store made on its own by a factory owns its provider
/// and disposes it with itself.
/// </summary>
public abstract class SqlStore : IAsyncDisposable
{
    private readonly bool _ownsDatabase;

    /// <param name="db">The process's database; disposed with the store only when <paramref name="ownsDatabase"/>.</param>
    protected SqlStore(SqlProvider db, TimeProvider time, bool ownsDatabase)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        Db = db;
        Time = time;
        _ownsDatabase = ownsDatabase;
    }

    protected SqlProvider Db { get; }

    protected TimeProvider Time { get; }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await Db.DisposeAsync().ConfigureAwait(false);
        }
        GC.SuppressFinalize(this);
    }
}
