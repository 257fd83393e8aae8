namespace Recut.Engines.DashScope;

/// <summary>
/// Lets one upstream create (and, after a lost answer, its look-up) run at a time across every process sharing the
/// data folder. Serialising creates is what makes the look-up trustworthy: a task that appears upstream in the
/// window of a lost create, and that no journal claims, can only be that create's.
/// </summary>
public sealed class CreateGate(string lockPath) : IDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);
    private readonly SemaphoreSlim _local = new(1, 1);

    public async Task<IAsyncDisposable> EnterAsync(CancellationToken ct)
    {
        await _local.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive advisory lock (flock) on Unix: other processes wait here.
                    var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Held(handle, _local);
                }
                catch (IOException)
                {
                    await Task.Delay(Retry, ct).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            _local.Release();
            throw;
        }
    }

    public void Dispose() => _local.Dispose();

    private sealed class Held(FileStream handle, SemaphoreSlim local) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await handle.DisposeAsync().ConfigureAwait(false);
            local.Release();
        }
    }
}
