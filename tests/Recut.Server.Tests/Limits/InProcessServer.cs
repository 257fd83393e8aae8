using Microsoft.AspNetCore.Builder;
using Recut.Server.Configuration;
using Recut.Server.Hosting;
using Recut.TestSupport;

namespace Recut.Server.Tests.Limits;

/// <summary>
/// A real Recut server (Kestrel on 127.0.0.1, SQLite, API role only: no workers) in this process, on its own data
/// folder, so limits can be tried over real HTTP, including raw sockets that drip a body.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly TempDir _dir = new("recut-limits-");
    private WebApplication _app = null!;

    private InProcessServer()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;
    public int Port { get; private set; }
    public string DataDirectory => _dir.File("data");

    public static async Task<InProcessServer> StartAsync(Action<RecutOptions> configure)
    {
        var server = new InProcessServer();
        server.Port = LoopbackPorts.Free();
        server.BaseUrl = new Uri($"http://127.0.0.1:{server.Port}/");
        var options = new RecutOptions { DataDirectory = server.DataDirectory, Role = ServerRole.Api, Workers = 1 };
        configure(options);
        server._app = await RecutServer.BuildAsync(options, [$"http://127.0.0.1:{server.Port}"]);
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
