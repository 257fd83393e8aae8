using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Recut.Client.Tests.Support;
using Recut.TestSupport;

namespace Recut.Client.Tests;

/// <summary>
/// Issue 14's "done when": local files reach a Recut task the way the official DashScope Python SDK sends them —
/// getPolicy, form upload, create with oss://{key} and X-DashScope-OssResourceResolve, poll, download — over raw HTTP
/// with no Recut SDK involved; and another key's oss:// URL reads exactly like one that was never uploaded.
/// </summary>
public sealed class PythonSdkUploadFlowTests(RecutServerFixture fx) : IClassFixture<RecutServerFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task File_to_oss_url_to_task_to_result()
    {
        var sdk = new SdkStyleUpload(Http, fx.BaseUrl, RecutServerFixture.Key);
        // One certificate for both files, as the SDK reuses it within one call.
        var credential = await sdk.GetPolicyAsync();
        var video = await UploadAsync(sdk, credential, fx.Clip);
        var look = await UploadAsync(sdk, credential, fx.Look);
        Assert.Equal($"oss://{credential.Field("upload_dir")}/clip.mp4", video);

        var id = await CreateAsync(RecutServerFixture.Key, video, look, ossHeader: true);
        var task = await WaitAsync(RecutServerFixture.Key, id);

        Assert.Equal("SUCCEEDED", Status(task));
        var resultUrl = task.GetProperty("output").GetProperty("video_url").GetString()!;
        var mp4 = await Http.GetByteArrayAsync(resultUrl);
        Assert.True(mp4.Length > 1000);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(mp4, 4, 4));
    }

    [Fact]
    public async Task An_oss_url_without_the_resolve_header_is_refused_at_create()
    {
        var sdk = new SdkStyleUpload(Http, fx.BaseUrl, RecutServerFixture.Key);
        var url = await sdk.UploadAsync(fx.Clip);

        var (status, body) = await PostCreateAsync(RecutServerFixture.Key, url, null, ossHeader: false);

        Assert.Equal(400, status);
        Assert.Equal("InvalidParameter", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_tenant_s_upload_fails_exactly_like_a_missing_one()
    {
        var owner = new SdkStyleUpload(Http, fx.BaseUrl, RecutServerFixture.Key);
        var url = await owner.UploadAsync(fx.Clip);
        var neverUploaded = $"oss://recut-uploads/{RandomNumberGenerator.GetHexString(32, lowercase: true)}/clip.mp4";

        var foreign = await WaitAsync(RecutServerFixture.OtherKey, await CreateAsync(RecutServerFixture.OtherKey, url, null, ossHeader: true));
        var missing = await WaitAsync(RecutServerFixture.OtherKey, await CreateAsync(RecutServerFixture.OtherKey, neverUploaded, null, ossHeader: true));

        Assert.Equal("FAILED", Status(foreign));
        Assert.Equal(Failure(missing), Failure(foreign));
        Assert.Equal("InvalidParameter.DataInspection", Failure(foreign).Code);
        Assert.DoesNotContain(url, Failure(foreign).Message, StringComparison.Ordinal);
        // The owner's own create still resolves it: the refusal above was about the key, not the file.
        Assert.Equal("SUCCEEDED", Status(await WaitAsync(RecutServerFixture.Key, await CreateAsync(RecutServerFixture.Key, url, null, ossHeader: true))));
    }

    private static async Task<string> UploadAsync(SdkStyleUpload sdk, SdkStyleUpload.Credential credential, string path)
    {
        var name = Path.GetFileName(path);
        var fields = SdkStyleUpload.FormFields(credential, name);
        var answer = await sdk.PostFormAsync(new Uri(credential.Field("upload_host")), fields, await File.ReadAllBytesAsync(path), name);
        Assert.True(answer.Status == 200, answer.Body);
        return "oss://" + fields["key"];
    }

    private async Task<string> CreateAsync(string key, string video, string? look, bool ossHeader)
    {
        var (status, body) = await PostCreateAsync(key, video, look, ossHeader);
        Assert.True(status == 200, body.ToString());
        return body.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    private async Task<(int Status, JsonElement Body)> PostCreateAsync(string key, string video, string? look, bool ossHeader)
    {
        var media = new JsonArray { new JsonObject { ["type"] = "video", ["url"] = video } };
        if (look is not null)
        {
            media.Add(new JsonObject { ["type"] = "reference_image", ["url"] = look });
        }
        var body = new JsonObject
        {
            ["model"] = "wan2.7-videoedit",
            ["input"] = new JsonObject { ["prompt"] = "make it black and white", ["media"] = media },
            ["parameters"] = new JsonObject { ["resolution"] = "720P" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fx.BaseUrl, "api/v1/services/aigc/video-generation/video-synthesis"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("X-DashScope-Async", "enable");
        if (ossHeader)
        {
            request.Headers.Add("X-DashScope-OssResourceResolve", "enable");
        }
        using var response = await Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    private async Task<JsonElement> WaitAsync(string key, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fx.BaseUrl, $"api/v1/tasks/{id}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await Http.SendAsync(request);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (Status(json.RootElement) is "SUCCEEDED" or "FAILED" or "CANCELED" or "UNKNOWN")
            {
                return json.RootElement.Clone();
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"task {id} did not finish");
    }

    private static string Status(JsonElement task) => task.GetProperty("output").GetProperty("task_status").GetString()!;

    private static (string Code, string Message) Failure(JsonElement task) =>
        (task.GetProperty("output").GetProperty("code").GetString()!, task.GetProperty("output").GetProperty("message").GetString()!);
}
