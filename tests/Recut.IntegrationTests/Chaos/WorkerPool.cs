using System.Globalization;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// A fixed number of `recut serve --role worker` processes on one database, sharing one data folder or each slot on a
/// folder of its own. A slot's process can be SIGKILLed and replaced by a fresh one (on the slot's folder); every
/// process ever started is kept, so the logs of killed ones can still be read at the end.
/// </summary>
internal sealed class WorkerPool(Func<int, string> dataDirectoryOf, IReadOnlyDictionary<string, string> environment, int size) : IAsyncDisposable
{
    public WorkerPool(string dataDirectory, IReadOnlyDictionary<string, string> environment, int size)
        : this(_ => dataDirectory, environment, size)
    {
    }

    private readonly WorkerProcess?[] _slots = new WorkerProcess?[size];
    private readonly List<WorkerProcess> _everStarted = [];

    public int Size => size;

    public int Started { get { lock (_everStarted) { return _everStarted.Count; } } }

    public Task StartAllAsync() => Task.WhenAll(Enumerable.Range(0, size).Select(StartAsync));

    public async Task StartAsync(int slot)
    {
        var process = new WorkerProcess();
        lock (_everStarted)
        {
            _everStarted.Add(process);
        }
        _slots[slot] = process;
        await process.StartAsync(dataDirectoryOf(slot), environment);
    }

    /// <summary>kill -9 of the slot's process (and its ffmpeg children): no shutdown, no lease released.</summary>
    public async Task KillAsync(int slot)
    {
        if (_slots[slot] is { } process)
        {
            await process.KillAsync();
        }
    }

    /// <summary>The slot whose live process has the pid in this worker id (host:pid:index), or null.</summary>
    public int? SlotOfWorker(string workerId)
    {
        var parts = workerId.Split(':');
        if (parts.Length < 3 || !int.TryParse(parts[^2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        for (var i = 0; i < size; i++)
        {
            if (_slots[i]?.Pid == pid)
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>Every line any worker process ever printed, killed ones included.</summary>
    public string AllLogs()
    {
        lock (_everStarted)
        {
            return string.Join('\n', _everStarted.Select(p => p.Log));
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<WorkerProcess> all;
        lock (_everStarted)
        {
            all = [.. _everStarted];
        }
        foreach (var p in all)
        {
            await p.DisposeAsync();
        }
    }
}
