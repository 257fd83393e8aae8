using System.Diagnostics;
using System.Text;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Chaos;

/// <summary>
/// `recut serve --role worker` as a child process. Workers listen on no port, so readiness is their own
/// announcement on stdout rather than /healthz. <see cref="KillAsync"/> is SIGKILL of the whole tree (ffmpeg too).
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const string ReadyLine = "Recut workers running";

    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public int? Pid => _process?.Id;

    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public async Task StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { RepoPaths.CliDll, "serve", "--role", "worker", "--data", dataDirectory })
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"recut serve --role worker exited early:\n{Log}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"recut serve --role worker did not report ready within 90 s:\n{Log}");
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
