using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;
using Recut.Media.Storage.S3;
using Recut.TestSupport;

namespace Recut.IntegrationTests.ObjectStorage;

/// <summary>
/// Scale-out with nothing shared but PostgreSQL and a bucket (see <see cref="S3Deployment"/>): a task submitted to the
/// API process is rendered by the worker process, whose result the API process serves through its signed URL; an
/// upload taken by the API process is an input the worker can read, for the uploading key only. Neither data folder
/// ever holds a result or an upload.
/// </summary>
[Trait("Category", "Postgres")]
[Trait("Category", TestS3.Category)]
[Collection(HeavyCollection.Name)]
public sealed class S3DeploymentTests(S3Deployment deployment) : IClassFixture<S3Deployment>
{
    private static readonly Dictionary<string, string> ResolveUploads = new() { ["X-DashScope-OssResourceResolve"] = "enable" };
    private const string Prompt = "give the video the colour look of the reference image";

    [Fact]
    public async Task A_task_rendered_by_the_worker_is_downloaded_from_the_bucket_through_the_api()
    {
        using var api = new Api(deployment.Api.BaseUrl);
        var id = await api.CreateAsync(Api.Body(deployment.Files.Url("clip.mp4").ToString(), [deployment.Files.Url("look.png").ToString()], Prompt));

        var final = await api.WaitDashScopeAsync(id, TimeSpan.FromMinutes(4));
        var output = final.GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "SUCCEEDED", final + "\n" + deployment.WorkerLog);
        var videoUrl = output.GetProperty("video_url").GetString()!;
        Assert.StartsWith(deployment.Api.BaseUrl.ToString(), videoUrl, StringComparison.Ordinal);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var bytes = await http.GetByteArrayAsync(videoUrl);
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        using var range = new HttpRequestMessage(HttpMethod.Get, videoUrl) { Headers = { Range = new RangeHeaderValue(0, 99) } };
        using var partial = await http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[..100], await partial.Content.ReadAsByteArrayAsync());

        // The object is in the bucket under the task's id, and no data folder holds an mp4 of it.
        using var bucket = new S3Bucket(deployment.S3);
        var stored = await bucket.HeadAsync($"results/{id}.mp4", CancellationToken.None);
        Assert.Equal(bytes.Length, stored?.Length);
        Assert.Empty(Mp4sIn(deployment.ApiData).Concat(Mp4sIn(deployment.WorkerData)));
    }

    [Fact]
    public async Task An_upload_to_the_api_is_an_input_the_worker_reads_for_its_own_key_only()
    {
        var video = await UploadAsync(Keys.A, Path.Combine(deployment.MediaDir, "clip.mp4"), "video/mp4");
        var look = await UploadAsync(Keys.A, Path.Combine(deployment.MediaDir, "look.png"), "image/png");
        Assert.StartsWith("oss://recut-uploads/", video, StringComparison.Ordinal);

        using var owner = new Api(deployment.Api.BaseUrl, Keys.A);
        var id = await CreateAsync(owner, video, look);
        var final = await owner.WaitDashScopeAsync(id, TimeSpan.FromMinutes(4));
        Assert.True(final.GetProperty("output").GetProperty("task_status").GetString() == "SUCCEEDED", final + "\n" + deployment.WorkerLog);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Assert.True((await http.GetByteArrayAsync(final.GetProperty("output").GetProperty("video_url").GetString())).Length > 10_000);

        // Tenant B names A's upload: the worker finds nothing for B, exactly as for a URL that never existed.
        using var other = new Api(deployment.Api.BaseUrl, Keys.B);
        var foreign = await CreateAsync(other, video, look);
        var refused = await other.WaitDashScopeAsync(foreign, TimeSpan.FromMinutes(4));
        Assert.Equal("FAILED", refused.GetProperty("output").GetProperty("task_status").GetString());
        Assert.Contains("uploaded with another API key", refused.GetProperty("output").GetProperty("message").GetString(), StringComparison.Ordinal);

        // The uploads live in the bucket, not in the API's data folder (its staging folder is left empty).
        using var bucket = new S3Bucket(deployment.S3);
        var objects = new List<S3ObjectInfo>();
        await foreach (var item in bucket.ListAsync("uploads/", CancellationToken.None))
        {
            objects.Add(item);
        }
        Assert.True(objects.Count >= 2, string.Join(", ", objects.Select(o => o.Name)));
        Assert.False(Directory.Exists(Path.Combine(deployment.ApiData, "uploads")));
        Assert.Empty(Directory.Exists(Path.Combine(deployment.ApiData, "upload-staging"))
            ? Directory.GetFiles(Path.Combine(deployment.ApiData, "upload-staging")) : []);
    }

    private async Task<string> UploadAsync(string key, string path, string contentType)
    {
        using var http = new HttpClient { BaseAddress = deployment.Api.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", Path.GetFileName(path));
        using var response = await http.PostAsync("api/v1/uploads", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"upload answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("url").GetString()!;
    }

    private static async Task<string> CreateAsync(Api api, string video, string look)
    {
        var (status, body) = await api.PostAsync(Api.DashScopeCreate, Api.Body(video, [look], Prompt).ToJsonString(), headers: ResolveUploads);
        Assert.True(status == 200, $"create answered {status}: {body}");
        return body.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    private static IEnumerable<string> Mp4sIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.mp4", SearchOption.AllDirectories) : [];
}
