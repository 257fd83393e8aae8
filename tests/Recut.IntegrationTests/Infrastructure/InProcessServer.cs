using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Recut.Server.Configuration;
using Recut.Server.Hosting;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>
/// The same server as `recut serve`, built by <see cref="RecutServer"/> inside the test process on a real Kestrel port
/// of 127.0.0.1. No `dotnet` start, no JIT of a second process: on a busy machine it is ready in a fraction of the
/// time, so a shared fixture does not fail a whole collection for one slow start. Settings are given the way the CLI
/// reads them (Recut__Name and RECUT_* names), so the same dictionary works for <see cref="ServerProcess"/>.
/// </summary>
public sealed class InProcessServer : IRecutServer
{
    private readonly Dictionary<string, string> _settings;
    private readonly LogCapture _log = new();
    private WebApplication? _app;

    public InProcessServer(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        Port = LoopbackPorts.Free();
        _settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RECUT_API_KEYS"] = string.Join(',', Keys.All),
            ["RECUT_ALLOW_PRIVATE_FETCH"] = "true",
            ["RECUT_WORKERS"] = "2",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            _settings[k] = v;
        }
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");
    public string Log => _log.Text;

    public static async Task<InProcessServer> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new InProcessServer(dataDirectory, settings);
        await server.StartAsync();
        return server;
    }

    /// <summary>The options `recut serve --data … ` would build from these settings (ServeCommand.BuildOptions).</summary>
    public RecutOptions Options()
    {
        var options = new RecutOptions();
        new ConfigurationBuilder()
            .AddInMemoryCollection(_settings.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":", StringComparison.Ordinal), kv.Value)))
            .Build().GetSection("Recut").Bind(options);
        EnvironmentOverrides.Apply(options, name => _settings.GetValueOrDefault(name));
        options.DataDirectory = DataDirectory;
        return options;
    }

    public async Task StartAsync(params string[] extraArgs)
    {
        if (extraArgs.Length > 0)
        {
            throw new NotSupportedException("Command-line flags need a ServerProcess; give settings instead.");
        }
        if (_app is not null)
        {
            throw new InvalidOperationException("Already started.");
        }
        using var limit = new CancellationTokenSource(ReadinessBudget.Start);
        var app = await RecutServer.BuildAsync(Options(), [$"http://127.0.0.1:{Port}"], _log.Add, KeepLogOnly, limit.Token);
        await app.StartAsync(limit.Token);
        _app = app;
    }

    /// <summary>The log goes to <see cref="Log"/> only: on the console it would bury the test run's own output.</summary>
    private void KeepLogOnly(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddProvider(_log);
    }

    /// <summary>Stops the host without waiting for work to drain (the nearest an in-process server gets to a crash).</summary>
    public async Task KillAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(quick.Token);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
