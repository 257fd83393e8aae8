namespace Recut.Server.Webhooks;

/// <summary>
/// Lets this process's state changes wake its webhook dispatcher at once; events written by other processes are
/// found by polling. A latency shortcut, never a correctness mechanism: the outbox is the truth.
/// </summary>
public sealed class WebhookWakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up drains everything that is due.
        }
    }

    /// <summary>Waits for a notification or <paramref name="poll"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken ct) => await _signal.WaitAsync(poll, ct).ConfigureAwait(false);

    public void Dispose() => _signal.Dispose();
}
