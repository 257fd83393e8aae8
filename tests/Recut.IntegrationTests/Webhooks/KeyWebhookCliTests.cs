using System.Text.Json;
using System.Text.RegularExpressions;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Webhooks;

/// <summary>
/// The operator's side: `recut keys update NAME --webhook URL --events …` gives a managed key a default endpoint and
/// prints its secret once; deliveries to it verify with that secret; `recut webhooks log` and `targets` show them.
/// </summary>
public sealed partial class KeyWebhookCliTests
{
    [Fact]
    public async Task A_key_webhook_set_by_the_cli_is_delivered_signed_and_logged()
    {
        using var dir = new TempDir("recut-keyhook-");
        var data = Path.Combine(dir.Path, "data");
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.Url("ops").ToString();

        var (c1, o1, e1) = await RecutCli.RunAsync(["keys", "create", "--name", "hooked", "--data", data]);
        Assert.True(c1 == 0, o1 + e1);
        var key = Regex.Match(o1, "sk-recut-[0-9a-f]{32}").Value;

        var (bad, _, badErr) = await RecutCli.RunAsync(["keys", "update", "hooked", "--webhook", hook, "--events", "finished", "--data", data]);
        Assert.Equal(2, bad);
        Assert.Contains("'finished' is not an event", badErr, StringComparison.Ordinal);

        var (c2, o2, e2) = await RecutCli.RunAsync(["keys", "update", "hooked", "--webhook", hook, "--events", "completed", "--data", data]);
        Assert.True(c2 == 0, o2 + e2);
        Assert.Contains($"webhook {hook} for succeeded,failed,canceled", o2, StringComparison.Ordinal);
        var secret = SecretPattern().Match(o2).Value;
        Assert.False(string.IsNullOrEmpty(secret), o2);
        Assert.Contains("not shown again", e2, StringComparison.Ordinal);

        await using var server = await InProcessServer.StartAsync(data, new Dictionary<string, string>
        {
            ["RECUT_ALLOW_PRIVATE_WEBHOOKS"] = "true",
            ["Recut__WebhookPollMilliseconds"] = "200",
        });
        using var api = new Api(server.BaseUrl, key);
        var id = await api.CreateAsync(Api.Body("http://127.0.0.1:1/in.mp4", ["http://127.0.0.1:1/ref.png"], "make it black and white"));
        var got = await receiver.WaitForAsync(r => r.Any(w => w.Text.Contains(id, StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        var webhook = Assert.Single(got);
        Assert.True(WebhookReceiver.SignatureIsValid(webhook, secret));
        Assert.Equal("task.failed", JsonDocument.Parse(webhook.Body).RootElement.GetProperty("type").GetString());

        await WaitForLogAsync(data);
        var (c3, o3, e3) = await RecutCli.RunAsync(["webhooks", "log", "--key", "hooked", "--json", "--data", data]);
        Assert.True(c3 == 0, o3 + e3);
        var log = JsonDocument.Parse(o3).RootElement;
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal("delivered", entry.GetProperty("outcome").GetString());
        Assert.Equal(webhook.Id, entry.GetProperty("event_id").GetString());
        Assert.Equal(200, entry.GetProperty("status_code").GetInt32());

        var (c4, o4, _) = await RecutCli.RunAsync(["webhooks", "targets", "--data", data]);
        Assert.Equal(0, c4);
        Assert.Matches($@"hooked\s+{Regex.Escape(hook)}\s+\d{{4}}-", o4);

        var (c5, o5, _) = await RecutCli.RunAsync(["keys", "update", "hooked", "--rotate-webhook-secret", "--data", data]);
        Assert.Equal(0, c5);
        Assert.NotEqual(secret, SecretPattern().Match(o5).Value);

        var (c6, _, e6) = await RecutCli.RunAsync(["webhooks", "log", "--key", "nobody", "--data", data]);
        Assert.Equal(3, c6);
        Assert.Contains("nobody", e6, StringComparison.Ordinal);
    }

    // The delivery is recorded just after the receiver answers; the CLI reads the database, so wait for the row.
    private static async Task WaitForLogAsync(string data)
    {
        for (var i = 0; i < 50; i++)
        {
            var (_, o, _) = await RecutCli.RunAsync(["webhooks", "log", "--json", "--data", data]);
            if (o.Contains("\"delivered\"", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
        }
    }

    [GeneratedRegex("whsec_[A-Za-z0-9+/=]{44}")]
    private static partial Regex SecretPattern();
}
