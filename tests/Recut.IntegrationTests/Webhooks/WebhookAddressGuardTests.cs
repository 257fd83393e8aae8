using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Webhooks;

/// <summary>
/// A server with the default policy (no private webhooks) never connects to a loopback receiver: a literal address
/// is refused at create, and a name that resolves there is given up at delivery with the guard's reason.
/// </summary>
public sealed class WebhookAddressGuardTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("recut-webhook-guard-");
    private StaticFileServer _files = null!;
    private WebhookReceiver _receiver = null!;
    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        var media = Path.Combine(_dir.Path, "media");
        Directory.CreateDirectory(media);
        await TestMedia.VideoAsync(Path.Combine(media, "clip.mp4"), 640, 360, 2.0);
        await TestMedia.ImageAsync(Path.Combine(media, "look.png"), 640, 360, "color=c=orange:s=640x360");
        _files = await StaticFileServer.StartAsync(media);
        _receiver = await WebhookReceiver.StartAsync();
        // Media may come from loopback (the test's file server); webhooks may not.
        _server = await InProcessServer.StartAsync(Path.Combine(_dir.Path, "data"), new Dictionary<string, string>
        {
            ["Recut__WebhookPollMilliseconds"] = "200",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
        await _files.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_loopback_literal_is_refused_at_create()
    {
        using var api = new Api(_server.BaseUrl);
        var body = Api.Body(_files.Url("clip.mp4").ToString(), [_files.Url("look.png").ToString()], "make it brighter",
            new JsonObject { ["webhook_url"] = _receiver.Url("hook").ToString() });
        var (status, error) = await api.PostAsync(Api.ApiyiCreate, body.ToJsonString());
        Assert.Equal(400, status);
        Assert.Contains("loopback", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_given_up_at_delivery_and_nothing_reaches_the_receiver()
    {
        using var api = new Api(_server.BaseUrl);
        var url = $"http://localhost:{_receiver.BaseUri.Port}/hook";
        var id = await api.CreateAsync(Api.Body(_files.Url("clip.mp4").ToString(), [_files.Url("look.png").ToString()],
            "make the person dance on the moon", new JsonObject { ["webhook_url"] = url, ["webhook_events"] = new JsonArray("failed") }));
        await api.WaitDashScopeAsync(id);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonNode? dead = null;
        while (dead is null && DateTime.UtcNow < deadline)
        {
            var (_, log) = await api.GetAsync($"api/v1/webhooks/deliveries?task_id={id}");
            dead = JsonNode.Parse(log.GetRawText())!["deliveries"]!.AsArray().FirstOrDefault(d => (string?)d!["outcome"] == "dead");
            await Task.Delay(200);
        }
        Assert.NotNull(dead);
        Assert.Contains("loopback", (string?)dead["error"], StringComparison.Ordinal);
        Assert.Empty(_receiver.Received);
    }
}
