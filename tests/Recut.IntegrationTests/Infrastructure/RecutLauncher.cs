using System.Diagnostics;
using System.Text;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>
/// The one place tests start `dotnet recut.dll …` as a child process: argument list and environment, stdout and
/// stderr kept (the whole log, and stderr's tail for failure messages), announcements awaited, and SIGKILL of the
/// whole tree (ffmpeg too). What "started" means is the caller's <see cref="IReadiness"/>.
/// </summary>
public sealed class RecutLauncher : IAsyncDisposable
{
    private const int TailLines = 60;

    private readonly StringBuilder _log = new();
    private readonly Queue<string> _stderrTail = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];
    private readonly Stopwatch _age = new();
    private Process? _process;

    public string Log { get { lock (_log) { return _log.ToString(); } } }

    /// <summary>The last lines of stderr: where an unhandled exception or a start-up refusal lands.</summary>
    public string StderrTail { get { lock (_log) { return string.Join('\n', _stderrTail); } } }

    public int? Pid => _process?.Id;

    public bool HasExited => _process is null || _process.HasExited;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Age => _age.Elapsed;

    /// <summary>Starts the CLI with these arguments and this environment (added to the test process's own).</summary>
    public void Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        if (_process is not null)
        {
            throw new InvalidOperationException("A launcher starts one process; make a new one to start again.");
        }
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data, stderr: false);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, stderr: true);
        _process.Exited += (_, _) => FailAwaited();
        _age.Start();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_process.HasExited)
        {
            FailAwaited();
        }
    }

    /// <summary>
    /// Completes when a line containing <paramref name="text"/> has been printed (also if it already was); fails as
    /// soon as the process exits without printing it.
    /// </summary>
    public Task WaitForLineAsync(string text, CancellationToken ct)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            if (_log.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }
            _awaited.Add((text, seen));
        }
        if (HasExited)
        {
            FailAwaited();
        }
        return seen.Task.WaitAsync(ct);
    }

    /// <summary>What a failure message needs: pid, age, exit code, the tail of stderr.</summary>
    public string Describe()
    {
        var state = HasExited ? $"exited with {ExitCode}" : "still running";
        return $"pid {Pid}, {state} after {Age.TotalSeconds:0.0} s; stderr tail:\n{StderrTail}\n--- full log ---\n{LastLines(Log, 200)}";
    }

    /// <summary>Waits for the process to end by itself (a refused start-up, a one-shot command).</summary>
    public async Task WaitForExitAsync(CancellationToken ct)
    {
        if (_process is { } p)
        {
            await p.WaitForExitAsync(ct);
        }
    }

    /// <summary>SIGKILL of the tree: no shutdown hooks, no lease release — a crash.</summary>
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

    private void FailAwaited()
    {
        List<TaskCompletionSource> waiting;
        lock (_log)
        {
            waiting = _awaited.Select(a => a.Seen).ToList();
            _awaited.Clear();
        }
        foreach (var w in waiting)
        {
            w.TrySetException(new InvalidOperationException($"recut exited before it was ready ({Describe()})"));
        }
    }

    private void Append(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }
        var done = new List<TaskCompletionSource>();
        lock (_log)
        {
            _log.AppendLine(line);
            if (stderr)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > TailLines)
                {
                    _stderrTail.Dequeue();
                }
            }
            for (var i = _awaited.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_awaited[i].Text, StringComparison.Ordinal))
                {
                    done.Add(_awaited[i].Seen);
                    _awaited.RemoveAt(i);
                }
            }
        }
        foreach (var d in done)
        {
            d.TrySetResult();
        }
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.Split('\n');
        return lines.Length <= count ? text : string.Join('\n', lines[^count..]);
    }
}
