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
                catch (IOException e) when (IsLockContention(e))
                {
                    // Another process holds the gate. Any other IO error (disk full, a bad path) is not going to pass
                    // by waiting, so it fails the create instead of retrying forever.
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

    /// <summary>
    /// The file is locked by someone else: on Unix .NET reports flock's EWOULDBLOCK as an IOException whose HResult is
    /// the raw errno (EAGAIN, 11 on Linux); on Windows it is ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION.
    /// </summary>
    public static bool IsLockContention(IOException e) =>
        e.GetType() == typeof(IOException) && (e.HResult is EAgain or SharingViolation or LockViolation);

    private const int EAgain = 11;
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    private sealed class Held(FileStream handle, SemaphoreSlim local) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await handle.DisposeAsync().ConfigureAwait(false);
            local.Release();
        }
    }
}
