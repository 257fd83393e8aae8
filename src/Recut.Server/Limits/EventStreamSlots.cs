using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Recut.Server.Configuration;

namespace Recut.Server.Limits;

/// <summary>
/// Counts the task event streams each API key holds open in this process and refuses one past
/// <see cref="RecutOptions.MaxEventStreamsPerKey"/>: a stream is cheap for a client to open and costs the server a
/// store read four times a second for as long as it lasts.
/// </summary>
public sealed class EventStreamSlots(IOptions<RecutOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    /// <summary>A slot for the key, given back when the returned handle is disposed; null when the key has none left.</summary>
    public IDisposable? TryTake(string tenantId)
    {
        if (_open.AddOrUpdate(tenantId, 1, (_, n) => n + 1) > options.Value.MaxEventStreamsPerKey)
        {
            Release(tenantId);
            return null;
        }
        return new Slot(this, tenantId);
    }

    private void Release(string tenantId)
    {
        if (_open.AddOrUpdate(tenantId, 0, (_, n) => n - 1) <= 0)
        {
            _open.TryRemove(new KeyValuePair<string, int>(tenantId, 0));
        }
    }

    private sealed class Slot(EventStreamSlots owner, string tenantId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(tenantId);
            }
        }
    }
}
