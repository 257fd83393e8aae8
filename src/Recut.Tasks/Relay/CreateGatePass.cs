namespace Recut.Tasks.Relay;

/// <summary>
/// A held <see cref="CreateGate"/>: renews its lease every third of the lease's length until disposed, then frees the
/// row and the local semaphore. <see cref="Lost"/> is canceled when a renewal finds the row taken by someone else (this
/// process stalled past the lease), so the holder can stop before doing what only an exclusive holder may.
/// </summary>
public sealed class CreateGatePass : IAsyncDisposable
{
    /// <summary>A release that cannot reach the database gives up after this; the lease then simply expires.</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(10);

    private readonly SqlCreateGateLeases _leases;
    private readonly string _keyId;
    private readonly string _holder;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _local;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;
    private int _disposed;

    internal CreateGatePass(SqlCreateGateLeases leases, string keyId, string holder, TimeSpan ttl, TimeProvider time, SemaphoreSlim local)
    {
        _leases = leases;
        _keyId = keyId;
        _holder = holder;
        _ttl = ttl;
        _time = time;
        _local = local;
        _renewing = RenewAsync();
    }

    public string KeyId => _keyId;

    /// <summary>The holder column's value for this pass.</summary>
    public string Holder => _holder;

    /// <summary>Canceled once the gate is known to be someone else's.</summary>
    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_ttl / 3, _time, _stop.Token).ConfigureAwait(false);
                bool held;
                try
                {
                    held = await _leases.RenewAsync(_keyId, _holder, _ttl, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database did not answer this time; the next renewal, a third of a lease later, tries again.
                    continue;
                }
                if (!held)
                {
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed: the release follows.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _renewing.ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            await _leases.ReleaseAsync(_keyId, _holder, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: a release the database never saw expires with the lease, so disposing never throws.
        }
        finally
        {
            _local.Release();
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}
