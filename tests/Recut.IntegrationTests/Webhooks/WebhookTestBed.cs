using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Webhooks;

/// <summary>
/// What a webhook test needs: a 2 s 640×360 clip and a reference image on a loopback file server, a receiver, and the
/// real server in process with the given settings (on top of the defaults: static keys, private fetches allowed).
/// </summary>
internal sealed class WebhookTestBed : IAsyncDisposable
{
    private readonly TempDir _dir;

    private WebhookTestBed(TempDir dir, StaticFileServer files, WebhookReceiver receiver, InProcessServer server)
    {
        _dir = dir;
        Files = files;
        Receiver = receiver;
        Server = server;
    }

    public StaticFileServer Files { get; }
    public WebhookReceiver Receiver { get; }
    public InProcessServer Server { get; }

    public Uri Clip => Files.Url("clip.mp4");
    public Uri Look => Files.Url("look.png");

    public static async Task<WebhookTestBed> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dir = new TempDir("recut-webhooks-");
        var media = Path.Combine(dir.Path, "media");
        Directory.CreateDirectory(media);
        await TestMedia.VideoAsync(Path.Combine(media, "clip.mp4"), 640, 360, 2.0);
        await TestMedia.ImageAsync(Path.Combine(media, "look.png"), 640, 360, "gradients=s=640x360:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=3");
        var files = await StaticFileServer.StartAsync(media);
        var receiver = await WebhookReceiver.StartAsync();
        var server = await InProcessServer.StartAsync(Path.Combine(dir.Path, "data"), settings);
        return new WebhookTestBed(dir, files, receiver, server);
    }

    public Api Client(string key = Keys.A) => new(Server.BaseUrl, key);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
        await Files.DisposeAsync();
        _dir.Dispose();
    }
}
