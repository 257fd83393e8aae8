using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recut.BrowserTests.Infrastructure;

namespace Recut.BrowserTests.Uploads;

/// <summary>POST /api/v1/uploads on the real server, and the oss:// URL it returns in create calls.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class UploadEndpointTests(ConsoleFixture fixture)
{
    private const string Create = "api/v1/services/aigc/video-generation/video-synthesis";

    [Fact]
    public async Task Upload_without_a_key_is_401_InvalidApiKey()
    {
        var (status, body) = await UploadAsync(null, File.ReadAllBytes(fixture.Look), "look.png");
        Assert.Equal(401, status);
        Assert.Equal("InvalidApiKey", body.GetProperty("code").GetString());

        (status, body) = await UploadAsync("wrong-key", File.ReadAllBytes(fixture.Look), "look.png");
        Assert.Equal(401, status);
        Assert.Equal("InvalidApiKey", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_image_upload_answers_an_oss_url_and_expiry()
    {
        var (status, body) = await UploadAsync(Keys.A, File.ReadAllBytes(fixture.Look), "look.png");
        Assert.True(status == 200, body.ToString());
        Assert.True(Guid.TryParse(body.GetProperty("request_id").GetString(), out _));
        var data = body.GetProperty("data");
        Assert.Matches("^oss://recut-uploads/[0-9a-f]{32}/look\\.png$", data.GetProperty("url").GetString());
        Assert.Equal("reference_image", data.GetProperty("type").GetString());
        Assert.Equal("png", data.GetProperty("format").GetString());
        var expires = DateTimeOffset.Parse(data.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
    }

    [Fact]
    public async Task An_html_page_is_refused_with_InvalidFile_Format()
    {
        var html = Encoding.UTF8.GetBytes("<!doctype html><html><head><title>x</title></head><body>hello</body></html>");
        var (status, body) = await UploadAsync(Keys.A, html, "clip.mp4", "video/mp4");
        Assert.Equal(400, status);
        Assert.Equal("InvalidFile.Format", body.GetProperty("code").GetString());
        Assert.Contains("HTML", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_over_20_MB_is_refused_with_InvalidFile_Size()
    {
        var bytes = new byte[(20 * 1024 * 1024) + 1];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        var (status, body) = await UploadAsync(Keys.A, bytes, "huge.png");
        Assert.Equal(400, status);
        Assert.Equal("InvalidFile.Size", body.GetProperty("code").GetString());
        Assert.Contains("20 MB", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_file_field_is_InvalidParameter()
    {
        using var http = Http(Keys.A);
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        using var response = await http.PostAsync("api/v1/uploads", form);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameter", body.GetProperty("code").GetString());
        Assert.Contains("\"file\"", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var json = new StringContent("{}", Encoding.UTF8, "application/json");
        using var notMultipart = await http.PostAsync("api/v1/uploads", json);
        Assert.Equal(400, (int)notMultipart.StatusCode);
    }

    [Fact]
    public async Task Uploaded_urls_work_in_a_create_call_for_the_same_key_only()
    {
        var video = (await UploadAsync(Keys.A, File.ReadAllBytes(fixture.Clip), "clip.mp4")).Body.GetProperty("data").GetProperty("url").GetString()!;
        var look = (await UploadAsync(Keys.A, File.ReadAllBytes(fixture.Look), "look.png")).Body.GetProperty("data").GetProperty("url").GetString()!;
        var body = CreateBody(video, look);

        // oss:// needs the resolve header.
        var (status, answer) = await CreateAsync(Keys.A, body, ossHeader: false);
        Assert.Equal(400, status);
        Assert.Equal("InvalidParameter", answer.GetProperty("code").GetString());

        (status, answer) = await CreateAsync(Keys.A, body, ossHeader: true);
        Assert.True(status == 200, answer.ToString());
        var own = await WaitAsync(Keys.A, answer.GetProperty("output").GetProperty("task_id").GetString()!);
        Assert.True(own.GetProperty("status").GetString() == "completed", own.ToString());

        // The same URLs under another key: accepted at create time (the URL is well formed), but they never resolve.
        (status, answer) = await CreateAsync(Keys.B, body, ossHeader: true);
        Assert.True(status == 200, answer.ToString());
        var foreign = await WaitAsync(Keys.B, answer.GetProperty("output").GetProperty("task_id").GetString()!);
        Assert.Equal("failed", foreign.GetProperty("status").GetString());
        Assert.DoesNotContain(UploadStorePathHint, foreign.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A failure must not reveal where uploads live on disk.</summary>
    private const string UploadStorePathHint = "/uploads/";

    private static string CreateBody(string video, string look) => new JsonObject
    {
        ["model"] = "wan2.7-videoedit",
        ["input"] = new JsonObject
        {
            ["prompt"] = "Give the video the colour look of the reference image",
            ["media"] = new JsonArray
            {
                new JsonObject { ["type"] = "video", ["url"] = video },
                new JsonObject { ["type"] = "reference_image", ["url"] = look },
            },
        },
        ["parameters"] = new JsonObject { ["resolution"] = "720P", ["duration"] = 2 },
    }.ToJsonString();

    private HttpClient Http(string? key)
    {
        var http = new HttpClient { BaseAddress = fixture.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return http;
    }

    private async Task<(int Status, JsonElement Body)> UploadAsync(string? key, byte[] bytes, string name, string contentType = "application/octet-stream")
    {
        using var http = Http(key);
        using var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { file, "file", name } };
        using var response = await http.PostAsync("api/v1/uploads", form);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(int Status, JsonElement Body)> CreateAsync(string key, string body, bool ossHeader)
    {
        using var http = Http(key);
        using var request = new HttpRequestMessage(HttpMethod.Post, Create) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-DashScope-Async", "enable");
        if (ossHeader)
        {
            request.Headers.Add("X-DashScope-OssResourceResolve", "enable");
        }
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<JsonElement> WaitAsync(string key, string taskId)
    {
        using var http = Http(key);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var body = JsonDocument.Parse(await http.GetStringAsync($"v1/tasks/{taskId}")).RootElement.Clone();
            if (body.GetProperty("status").GetString() is "completed" or "failed")
            {
                return body;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"task {taskId} did not finish");
    }
}
