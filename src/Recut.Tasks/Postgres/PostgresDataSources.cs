using Npgsql;

namespace Recut.Tasks.Postgres;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (one connection pool) per connection string per process, shared by the task
/// store and the key store. Each store holding its own doubled the connections a process may open, against the
/// README's "up to 100 per process". Reference-counted: the pool closes when its last store is disposed.
/// </summary>
internal static class PostgresDataSources
{
    private static readonly Dictionary<string, Shared> Pools = new(StringComparer.Ordinal);

    /// <summary>The process's pool for this connection string (normalised first, so equal settings share one).</summary>
    public static Lease Acquire(string connectionString)
    {
        var normalized = PostgresConnectionString.Normalize(connectionString);
        lock (Pools)
        {
            if (!Pools.TryGetValue(normalized, out var shared))
            {
                shared = new Shared(NpgsqlDataSource.Create(normalized));
                Pools[normalized] = shared;
            }
            shared.Holders++;
            return new Lease(normalized, shared.Source);
        }
    }

    private static NpgsqlDataSource? Release(string key)
    {
        lock (Pools)
        {
            var shared = Pools[key];
            if (--shared.Holders > 0)
            {
                return null;
            }
            Pools.Remove(key);
            return shared.Source;
        }
    }

    private sealed class Shared(NpgsqlDataSource source)
    {
        public NpgsqlDataSource Source { get; } = source;
        public int Holders { get; set; }
    }

    /// <summary>One holder's share of a pool; disposing it more than once releases it once.</summary>
    public sealed class Lease(string key, NpgsqlDataSource source) : IAsyncDisposable, IDisposable
    {
        private int _released;

        public NpgsqlDataSource Source { get; } = source;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0 && Release(key) is { } last)
            {
                await last.DisposeAsync().ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0 && Release(key) is { } last)
            {
                last.Dispose();
            }
        }
    }
}
