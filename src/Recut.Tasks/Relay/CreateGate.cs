using System.Collections.Concurrent;

namespace Recut.Tasks.Relay;

/// <summary>
/// One upstream key's create gate, held by one caller in the whole deployment at a time: a lease row in the database
/// (<see cref="SqlCreateGateLeases"/>), renewed while held, released when the pass is disposed, and expiring on its own
/// when its holder is killed. Gates of different keys are independent, so creates with different keys run in
/// parallel. A semaphore per key in front keeps this process's callers queueing in memory instead of all polling the
/// database; only the one at the head polls, with a growing pause, and every wait honours its cancellation token.
/// </summary>
public sealed class CreateGate
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);
    private readonly SqlCreateGateLeases _leases;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly string _process;

    /// <param name="ttl">How long a pass lasts unrenewed: how long the others wait for a killed holder. Renewed every third of it.</param>
    /// <param name="process">Names this process in the holder column (host:pid by default), for people reading the table.</param>
    public CreateGate(SqlCreateGateLeases leases, TimeSpan ttl, TimeProvider time, string? process = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(300));
        _leases = leases;
        _ttl = ttl;
        _time = time;
        _process = process ?? $"{Environment.MachineName}:{Environment.ProcessId}";
    }

    /// <summary>Waits until this caller holds <paramref name="keyId"/>'s gate; dispose the pass to let the next one in.</summary>
    public async Task<CreateGatePass> EnterAsync(string keyId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var local = _local.GetOrAdd(keyId, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // A holder of its own per entry: a later entry of this process never passes for an earlier, stale one.
            var holder = $"{_process}:{Guid.NewGuid():N}";
            var pause = FirstPoll;
            while (!await _leases.TryTakeAsync(keyId, holder, _ttl, ct).ConfigureAwait(false))
            {
                // Jittered, so processes that found one holder gone do not all ask again in the same millisecond.
                await Task.Delay(pause * (0.75 + Random.Shared.NextDouble() / 2), _time, ct).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPoll.Ticks));
            }
            return new CreateGatePass(_leases, keyId, holder, _ttl, _time, local);
        }
        catch
        {
            local.Release();
            throw;
        }
    }
}
