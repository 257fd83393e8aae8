using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Recut.Protocol.Errors;

namespace Recut.Server.Tests.Limits;

/// <summary>
/// The pending-queue caps over HTTP (API.md §6: a full queue → 429 Throttling). The server runs the API role only, so
/// nothing leaves PENDING and the queue fills exactly as the caps say.
/// </summary>
public sealed class QueueCapTests : IAsyncLifetime
{
    private const string KeyA = "sk-queue-a";
    private const string KeyB = "sk-queue-b";
    private InProcessServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(o =>
    {
        o.ApiKeys = $"{KeyA},{KeyB}";
        o.MaxPendingPerKey = 5;
        o.MaxPendingTotal = 8;
        o.SubmitsPerSecond = 1000; // the submit rate is not what this measures
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_key_s_full_queue_and_then_the_service_s_full_queue_answer_429_throttling()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await CreateAsync(KeyA, $"a{i}")).Status);
        }
        var (ownStatus, own) = await CreateAsync(KeyA, "a5");
        Assert.Equal(429, ownStatus);
        Assert.Equal(ErrorCodes.Throttling, own.GetProperty("code").GetString());
        Assert.Equal(ErrorMessages.QueueFull, own.GetProperty("message").GetString());

        // B has its own queue, until all keys together reach the service's 8.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await CreateAsync(KeyB, $"b{i}")).Status);
        }
        var (allStatus, all) = await CreateAsync(KeyB, "b3");
        Assert.Equal(429, allStatus);
        Assert.Equal(ErrorCodes.Throttling, all.GetProperty("code").GetString());
        Assert.Equal(ErrorMessages.ServerQueueFull, all.GetProperty("message").GetString());

        // A canceled task leaves the queue: its place is free again.
        var (_, list) = await GetAsync(KeyA, "api/v1/tasks?page_size=1");
        var id = list.GetProperty("data")[0].GetProperty("task_id").GetString();
        Assert.Equal(200, (await PostAsync(KeyA, $"api/v1/tasks/{id}/cancel", "")).Status);
        Assert.Equal(200, (await CreateAsync(KeyA, "a-after-cancel")).Status);
    }

    private Task<(int Status, JsonElement Body)> CreateAsync(string key, string prompt) =>
        PostAsync(key, "api/v1/services/aigc/video-generation/video-synthesis", JsonSerializer.Serialize(new
        {
            model = "wan2.7-videoedit",
            input = new { prompt, media = new[] { new { type = "video", url = "http://127.0.0.1:1/in.mp4" } } },
        }));

    private async Task<(int Status, JsonElement Body)> PostAsync(string key, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        return await SendAsync(key, request);
    }

    private async Task<(int Status, JsonElement Body)> GetAsync(string key, string path) =>
        await SendAsync(key, new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, path)));

    private async Task<(int Status, JsonElement Body)> SendAsync(string key, HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await _http.SendAsync(request);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return ((int)response.StatusCode, json.RootElement.Clone());
        }
    }
}
