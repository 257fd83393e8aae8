using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>Raw HTTP calls exactly as a client of either dialect sends them (tests assert on the wire, not on an SDK).</summary>
public sealed class Api(Uri baseUrl, string? key = Keys.A) : IDisposable
{
    public const string ApiyiCreate = "wan/api/v1/services/aigc/video-generation/video-synthesis";
    public const string DashScopeCreate = "api/v1/services/aigc/video-generation/video-synthesis";

    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Http => _http;

    public static JsonObject Body(string videoUrl, IEnumerable<string> refs, string prompt, JsonObject? parameters = null)
    {
        var media = new JsonArray { new JsonObject { ["type"] = "video", ["url"] = videoUrl } };
        foreach (var r in refs)
        {
            media.Add(new JsonObject { ["type"] = "reference_image", ["url"] = r });
        }
        return new JsonObject
        {
            ["model"] = "wan2.7-videoedit",
            ["input"] = new JsonObject { ["prompt"] = prompt, ["media"] = media },
            ["parameters"] = parameters ?? new JsonObject(),
        };
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, string body, bool asyncHeader = true,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (asyncHeader)
        {
            request.Headers.Add("X-DashScope-Async", "enable");
        }
        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(k, v);
        }
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> PutAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Creates a task and returns its id; asserts the 200 PENDING answer.</summary>
    public async Task<string> CreateAsync(JsonObject body, string path = ApiyiCreate)
    {
        var (status, json) = await PostAsync(path, body.ToJsonString());
        Assert.True(status == 200, $"create answered {status}: {json}");
        Assert.Equal("PENDING", json.GetProperty("output").GetProperty("task_status").GetString());
        Assert.True(Guid.TryParse(json.GetProperty("request_id").GetString(), out _));
        return json.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    /// <summary>Polls the APIYI shape until final; returns every progress value seen and the final body.</summary>
    public async Task<(List<int> Progress, JsonElement Final)> WaitApiyiAsync(string taskId, TimeSpan? limit = null)
    {
        var seen = new List<int>();
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await GetAsync($"v1/tasks/{taskId}");
            Assert.Equal(200, status);
            seen.Add(body.GetProperty("progress").GetInt32());
            var s = body.GetProperty("status").GetString();
            if (s is "completed" or "failed")
            {
                return (seen, body);
            }
            await Task.Delay(150);
        }
        throw new TimeoutException($"task {taskId} did not finish");
    }

    /// <summary>Polls the DashScope shape until the status is final.</summary>
    public async Task<JsonElement> WaitDashScopeAsync(string taskId, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < deadline)
        {
            var (_, body) = await GetAsync($"api/v1/tasks/{taskId}");
            var s = body.GetProperty("output").GetProperty("task_status").GetString();
            if (s is "SUCCEEDED" or "FAILED" or "CANCELED" or "UNKNOWN")
            {
                return body;
            }
            await Task.Delay(150);
        }
        throw new TimeoutException($"task {taskId} did not finish");
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"not JSON ({(int)response.StatusCode}): {text[..Math.Min(300, text.Length)]}");
        }
    }
}
