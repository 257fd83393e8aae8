using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Recut.Protocol.Errors;
using Recut.Server.Tests.Limits;

namespace Recut.Server.Tests;

/// <summary>
/// GET /api/v1/tasks/{id}/events over real HTTP. The server runs the API role only, so a task stays PENDING until it
/// is canceled: every event the stream sends is one this test caused (or a heartbeat).
/// </summary>
public sealed class TaskEventsTests : IAsyncLifetime
{
    private const string KeyA = "sk-events-a";
    private const string KeyB = "sk-events-b";
    private InProcessServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(o =>
    {
        o.ApiKeys = $"{KeyA},{KeyB}";
        o.EventHeartbeatSeconds = 1;
        o.MaxEventStreamsPerKey = 2;
        o.SubmitsPerSecond = 1000;
        o.QueriesPerSecond = 1000;
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_stream_sends_the_state_then_heartbeats_then_the_final_status_and_ends()
    {
        var id = await CreateAsync(KeyA);
        await using var stream = await OpenAsync(KeyA, id);
        var first = await stream.NextAsync();
        Assert.Equal(("status", "PENDING:0"), (first.EventType, first.EventId));
        using (var doc = JsonDocument.Parse(first.Data))
        {
            Assert.Equal(id, doc.RootElement.GetProperty("output").GetProperty("task_id").GetString());
            Assert.Equal("PENDING", doc.RootElement.GetProperty("output").GetProperty("task_status").GetString());
            Assert.Equal(0, doc.RootElement.GetProperty("output").GetProperty("progress").GetInt32());
        }
        var beat = await stream.NextAsync();
        Assert.Equal(("heartbeat", "PENDING:0"), (beat.EventType, beat.EventId)); // nothing changed for a second

        Assert.Equal(HttpStatusCode.OK, await CancelAsync(KeyA, id));
        var final = await stream.NextUntilAsync(e => e.EventType != "heartbeat");
        Assert.Equal(("status", "CANCELED:0"), (final.EventType, final.EventId));
        Assert.Null(await stream.NextOrEndAsync()); // the stream ends after the final status
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_sends_only_what_was_not_seen()
    {
        var id = await CreateAsync(KeyA);
        await using (var stream = await OpenAsync(KeyA, id, lastEventId: "PENDING:0"))
        {
            // The state it has seen is not sent again: the first event is a heartbeat.
            Assert.Equal("heartbeat", (await stream.NextAsync()).EventType);
        }
        Assert.Equal(HttpStatusCode.OK, await CancelAsync(KeyA, id));
        await using (var resumed = await OpenAsync(KeyA, id, lastEventId: "PENDING:0"))
        {
            var canceled = await resumed.NextAsync();
            Assert.Equal(("status", "CANCELED:0"), (canceled.EventType, canceled.EventId));
            Assert.Null(await resumed.NextOrEndAsync());
        }
        await using (var done = await OpenAsync(KeyA, id, lastEventId: "CANCELED:0"))
        {
            Assert.Null(await done.NextOrEndAsync()); // everything seen: nothing to send
        }
    }

    [Fact]
    public async Task Unknown_and_foreign_tasks_are_one_unknown_event_and_a_missing_key_is_a_401_json_error()
    {
        var id = await CreateAsync(KeyA);
        foreach (var (key, task) in new[] { (KeyB, id), (KeyA, Guid.NewGuid().ToString()), (KeyA, "not-a-uuid") })
        {
            await using var stream = await OpenAsync(key, task);
            var only = await stream.NextAsync();
            Assert.Equal(("status", "UNKNOWN"), (only.EventType, only.EventId));
            Assert.DoesNotContain("PENDING", only.Data, StringComparison.Ordinal); // B learns nothing of A's task
            Assert.Null(await stream.NextOrEndAsync());
        }

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, $"api/v1/tasks/{id}/events"));
        using var denied = await _http.SendAsync(anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("application/json", denied.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_may_hold_only_its_share_of_open_streams_and_gets_a_slot_back_when_one_closes()
    {
        var id = await CreateAsync(KeyA);
        var first = await OpenAsync(KeyA, id);
        await using var second = await OpenAsync(KeyA, id);
        using (var third = await SendAsync(KeyA, id, null))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            using var body = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
            Assert.Equal(ErrorCodes.Throttling, body.RootElement.GetProperty("code").GetString());
        }
        await using (var other = await OpenAsync(KeyB, id)) // another key's slots are its own
        {
            Assert.Equal("UNKNOWN", (await other.NextAsync()).EventId);
        }

        await first.DisposeAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            using var again = await SendAsync(KeyA, id, null);
            status = again.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<string> CreateAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "api/v1/services/aigc/video-generation/video-synthesis"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new
            {
                model = "wan2.7-videoedit",
                input = new { prompt = "mirror it", media = new[] { new { type = "video", url = "http://127.0.0.1:1/in.mp4" } } },
            }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(response.IsSuccessStatusCode, body.RootElement.ToString());
        return body.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    private async Task<HttpStatusCode> CancelAsync(string key, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, $"api/v1/tasks/{id}/cancel"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(string key, string id, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, $"api/v1/tasks/{id}/events"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<EventReader> OpenAsync(string key, string id, string? lastEventId = null)
    {
        var response = await SendAsync(key, id, lastEventId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads one open stream with the runtime's own SSE parser, each read bounded so a silent stream fails the test.</summary>
    private sealed class EventReader(HttpResponseMessage response, Stream body) : IAsyncDisposable
    {
        private readonly IAsyncEnumerator<SseItem<string>> _events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

        public async Task<SseItem<string>> NextAsync() =>
            await NextOrEndAsync() ?? throw new Xunit.Sdk.XunitException("the stream ended");

        public async Task<SseItem<string>> NextUntilAsync(Func<SseItem<string>, bool> wanted)
        {
            while (true)
            {
                var next = await NextAsync();
                if (wanted(next))
                {
                    return next;
                }
            }
        }

        public async Task<SseItem<string>?> NextOrEndAsync()
        {
            var move = _events.MoveNextAsync().AsTask();
            if (await Task.WhenAny(move, Task.Delay(TimeSpan.FromSeconds(20))) != move)
            {
                throw new TimeoutException("no event within 20 s");
            }
            if (!await move)
            {
                return null;
            }
            return _events.Current;
        }

        public async ValueTask DisposeAsync()
        {
            response.Dispose();
            await body.DisposeAsync();
        }
    }
}
