using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks end to end: the real server on 127.0.0.1 delivers to a real receiver, which checks the signatures with
/// its own implementation of the Standard Webhooks scheme. Retries are made fast by configuration, not by a fake clock.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private WebhookTestBed _bed = null!;

    private Uri Clip => _bed.Clip;
    private Uri Look => _bed.Look;
    private WebhookReceiver Receiver => _bed.Receiver;

    public async Task InitializeAsync() => _bed = await WebhookTestBed.StartAsync(new Dictionary<string, string>
    {
        ["RECUT_ALLOW_PRIVATE_WEBHOOKS"] = "true",
        ["Recut__WebhookRetryBaseSeconds"] = "0.2",
        ["Recut__WebhookTimeoutSeconds"] = "2",
        ["Recut__WebhookPollMilliseconds"] = "200",
    });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private Api Client(string key = Keys.A) => _bed.Client(key);

    private static async Task<string> SecretAsync(Api api)
    {
        var (status, body) = await api.PostAsync("api/v1/webhooks/secret", "", asyncHeader: false);
        Assert.Equal(200, status);
        return body.GetProperty("secret").GetString()!;
    }

    private static JsonObject Hooked(Uri url, params string[] events)
    {
        var parameters = new JsonObject { ["webhook_url"] = url.ToString() };
        if (events.Length > 0)
        {
            parameters["webhook_events"] = new JsonArray([.. events.Select(e => (JsonNode?)e)]);
        }
        return parameters;
    }

    private static JsonElement Json(ReceivedWebhook webhook) => JsonDocument.Parse(webhook.Body).RootElement;

    [Fact]
    public async Task A_succeeded_task_sends_signed_running_and_succeeded_events_with_a_working_result_link()
    {
        using var api = Client();
        var secret = await SecretAsync(api);
        var id = await api.CreateAsync(Api.Body(Clip.ToString(), [Look.ToString()], "give it the colour look of the reference image",
            Hooked(Receiver.Url("ok"))));

        var got = await Receiver.WaitForAsync(r => r.Any(w => w.Text.Contains("task.succeeded", StringComparison.Ordinal)), Patience);
        var mine = got.Where(w => Json(w).GetProperty("output").GetProperty("task_id").GetString() == id).ToList();
        Assert.Equal(["task.running", "task.succeeded"], mine.Select(w => Json(w).GetProperty("type").GetString()));
        Assert.All(mine, w => Assert.True(WebhookReceiver.SignatureIsValid(w, secret), "signature of " + w.Id));
        Assert.All(mine, w => Assert.Matches("^msg_[0-9a-f]{32}$", w.Id));
        Assert.Equal(mine.Count, mine.Select(w => w.Id).Distinct().Count());
        Assert.All(mine, w => Assert.InRange(long.Parse(w.Timestamp, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds()));

        var running = Json(mine[0]).GetProperty("output");
        Assert.Equal("RUNNING", running.GetProperty("task_status").GetString());
        Assert.False(running.TryGetProperty("video_url", out _));

        var done = Json(mine[1]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", done.GetProperty("timestamp").GetString()!);
        Assert.Equal("SUCCEEDED", done.GetProperty("output").GetProperty("task_status").GetString());
        Assert.True(done.GetProperty("usage").GetProperty("duration").GetDouble() > 0);
        // The link is signed and needs no key, like the query's: a receiver can fetch the result at once.
        using var anonymous = new HttpClient();
        using var result = await anonymous.GetAsync(done.GetProperty("output").GetProperty("video_url").GetString());
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("video/mp4", result.Content.Headers.ContentType?.MediaType);

        // Every attempt is in the key's log, and not in another key's.
        var (_, log) = await api.GetAsync($"api/v1/webhooks/deliveries?task_id={id}");
        Assert.Equal(["delivered", "delivered"], log.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("outcome").GetString()));
        using var stranger = Client(Keys.B);
        var (_, theirs) = await stranger.GetAsync($"api/v1/webhooks/deliveries?task_id={id}");
        Assert.Empty(theirs.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task Answers_of_500_and_a_hungReceiver_are_retried_until_delivered_with_the_same_id()
    {
        using var api = Client();
        var secret = await SecretAsync(api);
        Receiver.Answer("flaky", 500, 503);
        Receiver.Hang("flaky", TimeSpan.FromSeconds(6));
        var id = await api.CreateAsync(Api.Body(Clip.ToString(), [Look.ToString()], "make the person dance on the moon",
            Hooked(Receiver.Url("flaky"), "failed")));

        var got = await Receiver.WaitForAsync(
            r => r.Any(w => w.Path == "/flaky" && w.Answered == 200 && w.Text.Contains(id, StringComparison.Ordinal)), Patience);
        var attempts = got.Where(w => w.Path == "/flaky").ToList();
        Assert.Equal([500, 503], attempts.Take(2).Select(w => w.Answered));
        Assert.Contains(attempts, w => w.Answered == WebhookReceiver.Abandoned); // the third hung past the sender's timeout
        Assert.Single(attempts.Select(w => w.Id).Distinct()); // one event: receivers dedupe on webhook-id
        Assert.All(attempts, w => Assert.True(WebhookReceiver.SignatureIsValid(w, secret)));
        Assert.Equal("UnsupportedEdit", Json(attempts[^1]).GetProperty("output").GetProperty("code").GetString());

        await WaitUntilAsync(async () =>
        {
            var (_, log) = await api.GetAsync($"api/v1/webhooks/deliveries?task_id={id}");
            return log.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("outcome").GetString() == "delivered");
        });
        var (_, final) = await api.GetAsync($"api/v1/webhooks/deliveries?task_id={id}");
        var outcomes = final.GetProperty("deliveries").EnumerateArray().Reverse().ToList();
        Assert.Equal(["retry", "retry", "retry", "delivered"], outcomes.Select(d => d.GetProperty("outcome").GetString()));
        Assert.Equal(500, outcomes[0].GetProperty("status_code").GetInt32());
        Assert.Contains("No answer within 2 s", outcomes[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_default_endpoint_gets_only_the_events_it_asked_for()
    {
        using var api = Client(Keys.B);
        var setting = new JsonObject { ["url"] = Receiver.Url("default-b").ToString(), ["events"] = new JsonArray("completed") }.ToJsonString();
        var (status, settings) = await api.PutAsync("api/v1/webhooks", setting);
        Assert.Equal(200, status);
        var secret = settings.GetProperty("secret").GetString()!;
        Assert.Equal(["succeeded", "failed", "canceled"], settings.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var (_, again) = await api.PutAsync("api/v1/webhooks", setting);
        Assert.False(again.TryGetProperty("secret", out _)); // shown once
        var (bad, refused) = await api.PutAsync("api/v1/webhooks", "{\"url\":\"https://hooks.example.com/\",\"events\":[\"finished\"]}");
        Assert.Equal(400, bad);
        Assert.Contains("finished", refused.GetProperty("message").GetString(), StringComparison.Ordinal);

        var id = await api.CreateAsync(Api.Body(Clip.ToString(), [Look.ToString()], "make the person dance on the moon"));
        var got = await Receiver.WaitForAsync(r => r.Any(w => w.Path == "/default-b" && w.Text.Contains(id, StringComparison.Ordinal)), Patience);
        await Task.Delay(1000); // a running event, if one were wrongly sent, has had time to arrive
        var mine = Receiver.Received.Where(w => w.Path == "/default-b" && w.Text.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Equal(["task.failed"], mine.Select(w => Json(w).GetProperty("type").GetString()));
        Assert.True(WebhookReceiver.SignatureIsValid(mine[0], secret));
        Assert.NotEmpty(got);
    }

    [Fact]
    public async Task After_a_rotation_each_delivery_is_signed_with_the_new_and_the_old_secret()
    {
        using var api = Client();
        var old = await SecretAsync(api);
        var fresh = await SecretAsync(api);
        Assert.NotEqual(old, fresh);
        var id = await api.CreateAsync(Api.Body(Clip.ToString(), [Look.ToString()], "make the person dance on the moon",
            Hooked(Receiver.Url("rotated"), "failed")));
        var got = await Receiver.WaitForAsync(r => r.Any(w => w.Path == "/rotated" && w.Text.Contains(id, StringComparison.Ordinal)), Patience);
        var webhook = got.First(w => w.Path == "/rotated");
        Assert.True(WebhookReceiver.SignatureIsValid(webhook, fresh));
        Assert.True(WebhookReceiver.SignatureIsValid(webhook, old));
        Assert.False(WebhookReceiver.SignatureIsValid(webhook, "whsec_" + Convert.ToBase64String(new byte[32])));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("https://user:secret@hooks.example.com/")]
    public async Task A_webhook_url_no_delivery_may_reach_is_refused_at_create(string url)
    {
        using var api = Client();
        var body = Api.Body(Clip.ToString(), [Look.ToString()], "make it brighter", new JsonObject { ["webhook_url"] = url });
        var (status, error) = await api.PostAsync(Api.ApiyiCreate, body.ToJsonString());
        Assert.Equal(400, status);
        Assert.Equal("InvalidParameter", error.GetProperty("code").GetString());
        Assert.Contains("webhook_url", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(200);
        }
    }
}
