using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recut.Server.Tests.Limits;

namespace Recut.Server.Tests.Json;

/// <summary>Answers over HTTP carry users' text as raw UTF-8, never \uXXXX: task bodies, errors and health alike.</summary>
public sealed class RawUtf8ResponseTests : IAsyncLifetime
{
    private const string Key = "sk-utf8";
    private const string Prompt = "把背景换成海滩 🏖️ — 👩‍💻 “mood”";
    private InProcessServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(o =>
    {
        o.ApiKeys = Key;
        o.QueriesPerSecond = 1000;
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task A_task_s_prompt_comes_back_byte_for_byte()
    {
        var (status, created) = await CreateAsync(Body("video", Prompt));
        Assert.Equal(200, status);
        var id = JsonNode.Parse(created)!["output"]!["task_id"]!.GetValue<string>();

        var task = await GetAsync($"api/v1/tasks/{id}");

        Assert.Contains(Prompt, task, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", task, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_that_quotes_the_request_quotes_it_raw()
    {
        var (status, error) = await CreateAsync(Body("参考视频🎬", "x"));

        Assert.Equal(400, status);
        Assert.Contains("参考视频🎬", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_json_answer_of_the_plain_routes_has_no_unicode_escapes()
    {
        foreach (var path in new[] { "livez", "readyz", "api/v1/tasks", "api/v1/uploads?action=getPolicy&model=wan2.7-videoedit", "no-such-route" })
        {
            Assert.DoesNotContain("\\u", await GetAsync(path), StringComparison.Ordinal);
        }
    }

    private static string Body(string mediaType, string prompt) => new JsonObject
    {
        ["model"] = "wan2.7-videoedit",
        ["input"] = new JsonObject
        {
            ["prompt"] = prompt,
            ["media"] = new JsonArray { new JsonObject { ["type"] = mediaType, ["url"] = "https://example.com/in.mp4" } },
        },
    }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<(int Status, string Body)> CreateAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "api/v1/services/aigc/video-generation/video-synthesis"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    private async Task<string> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await _http.SendAsync(request);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }
}
