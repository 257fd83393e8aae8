namespace Recut.Engines.DashScope;

/// <summary>
/// Spaces calls at least 1/rate apart (a strict per-process ceiling, never a burst above the rate): each caller
/// reserves the next free slot and waits for it.
/// </summary>
public sealed class RateGate(double perSecond, TimeProvider time)
{
    private readonly TimeSpan _spacing = TimeSpan.FromSeconds(1 / Math.Max(0.01, perSecond));
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + _spacing;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }
}
