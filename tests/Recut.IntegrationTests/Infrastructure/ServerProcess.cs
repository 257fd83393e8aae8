using Recut.TestSupport;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>
/// `recut serve` as a real child process on 127.0.0.1 with its own data folder, so tests can kill -9 it and start
/// it again on the same data. Started through <see cref="RecutLauncher"/>, ready per <see cref="HttpReadiness"/>.
/// Use <c>InProcessServer</c> where a separate process is not what the test is about.
/// </summary>
public sealed class ServerProcess : IRecutServer
{
    private readonly Dictionary<string, string> _environment;
    private readonly List<RecutLauncher> _runs = [];

    public ServerProcess(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        DataDirectory = dataDirectory;
        Port = port ?? LoopbackPorts.Free();
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RECUT_API_KEYS"] = string.Join(',', Keys.All),
            ["RECUT_ALLOW_PRIVATE_FETCH"] = "true",
            ["RECUT_WORKERS"] = "2",
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            _environment[k] = v;
        }
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Everything every run of this server printed, restarts included, oldest first.</summary>
    public string Log { get { lock (_runs) { return string.Concat(_runs.Select(r => r.Log)); } } }

    /// <summary>The current run's process id, once started.</summary>
    public int? Pid { get { lock (_runs) { return _runs.LastOrDefault()?.Pid; } } }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = new ServerProcess(dataDirectory, environment);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (or, after <see cref="KillAsync"/>, restarts) the process and waits until /readyz answers 200.</summary>
    public async Task StartAsync(params string[] extraArgs)
    {
        var run = new RecutLauncher();
        lock (_runs)
        {
            _runs.Add(run);
        }
        run.Start(new[] { "serve", "--urls", $"http://127.0.0.1:{Port}", "--data", DataDirectory }.Concat(extraArgs), _environment);
        await new HttpReadiness(BaseUrl).WaitAsync(run, CancellationToken.None);
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release — a crash.</summary>
    public async Task KillAsync()
    {
        RecutLauncher? current;
        lock (_runs)
        {
            current = _runs.LastOrDefault();
        }
        if (current is not null)
        {
            await current.KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<RecutLauncher> runs;
        lock (_runs)
        {
            runs = [.. _runs];
        }
        foreach (var run in runs)
        {
            await run.DisposeAsync();
        }
    }
}

/// <summary>A Recut server a test talks to over HTTP, whether a child process or hosted in the test process.</summary>
public interface IRecutServer : IAsyncDisposable
{
    Uri BaseUrl { get; }
    string DataDirectory { get; }

    /// <summary>What the server logged so far.</summary>
    string Log { get; }

    /// <summary>Starts it, or starts it again on the same data and port after <see cref="KillAsync"/>.</summary>
    Task StartAsync(params string[] extraArgs);

    /// <summary>Stops it abruptly (a child process: SIGKILL).</summary>
    Task KillAsync();
}

/// <summary>Two tenants for isolation tests.</summary>
public static class Keys
{
    public const string A = "test-key-tenant-a";
    public const string B = "test-key-tenant-b";
    public static readonly string[] All = [A, B];
}
