using Microsoft.AspNetCore.Builder;
using Recut.Server.Configuration;
using Recut.Server.Hosting;
using Recut.TestSupport;

namespace Recut.Client.Tests.Support;

/// <summary>A real Recut server (local engine, SQLite, one worker) hosted in this process on 127.0.0.1, plus inputs it can fetch.</summary>
public sealed class RecutServerFixture : IAsyncLifetime
{
    public const string Key = "client-tests-key";
    /// <summary>A second tenant, to show one key's uploads are invisible to another.</summary>
    public const string OtherKey = "client-tests-other-key";
    private readonly TempDir _dir = new("recut-client-server-");
    private WebApplication _app = null!;

    public Uri BaseUrl { get; private set; } = null!;
    public StaticFileServer Files { get; private set; } = null!;
    public string Clip => _dir.File("media/clip.mp4");
    public string Look => _dir.File("media/look.png");

    public async Task InitializeAsync()
    {
        await TestMedia.VideoAsync(Clip, 320, 240, 2.2);
        await TestMedia.ImageAsync(Look, 320, 240, "gradients=s=320x240:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=3");
        Files = await StaticFileServer.StartAsync(_dir.File("media"));
        var port = LoopbackPorts.Free();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _app = await RecutServer.BuildAsync(new RecutOptions
        {
            DataDirectory = _dir.File("data"),
            ApiKeys = $"{Key},{OtherKey}",
            AllowPrivateFetch = true,
            Workers = 1,
        }, [$"http://127.0.0.1:{port}"]);
        await _app.StartAsync();
    }

    public RecutClient Client(Protocol.Requests.Dialect dialect = Protocol.Requests.Dialect.DashScope, string key = Key,
        HttpMessageHandler? handler = null) =>
        new(handler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(60) } : new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) },
            new RecutClientOptions
        {
            BaseUrl = BaseUrl,
            ApiKey = key,
            Dialect = dialect,
            MinPollInterval = TimeSpan.FromMilliseconds(200),
            MaxPollInterval = TimeSpan.FromSeconds(1),
        });

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Files.DisposeAsync();
        _dir.Dispose();
    }
}
