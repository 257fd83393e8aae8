using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>
/// `recut serve` as a real child process on 127.0.0.1 with its own data folder, so tests can kill -9 it and start
/// it again on the same data.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public ServerProcess(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        DataDirectory = dataDirectory;
        Port = port ?? FreePort();
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
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = new ServerProcess(dataDirectory, environment);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync(params string[] extraArgs)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { RepoPaths.CliDll, "serve", "--urls", $"http://127.0.0.1:{Port}", "--data", DataDirectory }.Concat(extraArgs))
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in _environment)
        {
            psi.Environment[k] = v;
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release — a crash.</summary>
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

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"recut serve exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                using var r = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"recut serve did not become healthy within {limit}:\n{Log}");
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
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>Two tenants for isolation tests.</summary>
public static class Keys
{
    public const string A = "test-key-tenant-a";
    public const string B = "test-key-tenant-b";
    public static readonly string[] All = [A, B];
}
