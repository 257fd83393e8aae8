namespace Recut.Server.Workers;

/// <summary>
/// Lets the create endpoint wake idle workers of the same process at once; workers in other processes
/// find new tasks by polling, so this is a latency shortcut, never a correctness mechanism.
/// </summary>
public sealed class TaskWakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Notify(int count = 1) => _signal.Release(count);

    /// <summary>Waits for a notification or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken ct) =>
        await _signal.WaitAsync(pollInterval, ct).ConfigureAwait(false);

    public void Dispose() => _signal.Dispose();
}
