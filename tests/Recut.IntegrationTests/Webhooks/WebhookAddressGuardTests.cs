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
    private WebhookTestBed _bed = null!;

    // Media may come from loopback (the test's file server); webhooks may not.
    public async Task InitializeAsync() => _bed = await WebhookTestBed.StartAsync(new Dictionary<string, string>
    {
        ["Recut__WebhookPollMilliseconds"] = "200",
    });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_loopback_literal_is_refused_at_create()
    {
        using var api = _bed.Client();
        var body = Api.Body(_bed.Files.Url("clip.mp4").ToString(), [_bed.Files.Url("look.png").ToString()], "make it brighter",
            new JsonObject { ["webhook_url"] = _bed.Receiver.Url("hook").ToString() });
        var (status, error) = await api.PostAsync(Api.ApiyiCreate, body.ToJsonString());
        Assert.Equal(400, status);
        Assert.Contains("loopback", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_given_up_at_delivery_and_nothing_reaches_the_receiver()
    {
        using var api = _bed.Client();
        var url = $"http://localhost:{_bed.Receiver.BaseUri.Port}/hook";
        var id = await api.CreateAsync(Api.Body(_bed.Files.Url("clip.mp4").ToString(), [_bed.Files.Url("look.png").ToString()],
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
        Assert.Empty(_bed.Receiver.Received);
    }
}
