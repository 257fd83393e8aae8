using System.Net.Http.Headers;
using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// A server where tenant A has a finished result, and a file server with tenant B's hostile containers aimed at it
/// (and at a media file of the host outside the data folder). Each trick can be sent as a URL or uploaded.
/// </summary>
public sealed class HostileContainerFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new("recut-containers-");
    private Dictionary<string, HostileContainers.Trick> _tricks = [];

    public ServerProcess Server { get; private set; } = null!;
    public StaticFileServer Files { get; private set; } = null!;
    public string DataDirectory => Path.Combine(_dir.Path, "data");
    /// <summary>Tenant A's private result file, as it lies in the data folder.</summary>
    public string SecretResult { get; private set; } = "";
    /// <summary>A media file of the host, outside the data folder.</summary>
    public string HostMedia { get; private set; } = "";

    public HostileContainers.Trick Trick(string name) => _tricks[name];

    public async Task InitializeAsync()
    {
        var media = Path.Combine(_dir.Path, "media");
        Directory.CreateDirectory(media);
        // A's clip is 3 s of red, B's own clips 2 s of test pattern: an output of 3 s or red is A's data.
        await TestMedia.VideoAsync(Path.Combine(media, "a-secret.mp4"), 320, 240, 3, source: "color=c=red");
        HostMedia = await TestMedia.VideoAsync(Path.Combine(_dir.Path, "host-only", "host.mp4"), 320, 240, 3, source: "color=c=red");
        await TestMedia.VideoAsync(Path.Combine(media, "b.mp4"), 320, 240, 2);
        await TestMedia.VideoAsync(Path.Combine(media, "b.mov"), 320, 240, 2, container: "mov");
        await TestMedia.ImageAsync(Path.Combine(media, "look.png"), 320, 240);
        var jpeg = await TestMedia.ImageAsync(Path.Combine(media, "logo.jpg"), 320, 240, "smptebars");
        Files = await StaticFileServer.StartAsync(media);
        Server = await ServerProcess.StartAsync(DataDirectory, new Dictionary<string, string>
        {
            ["Recut__SubmitsPerSecond"] = "200",
            ["Recut__QueriesPerSecond"] = "1000",
            ["Recut__ConcurrencyPerKey"] = "10",
        });

        using var a = new Api(Server.BaseUrl, Keys.A);
        var id = await a.CreateAsync(Api.Body(Files.Url("a-secret.mp4").ToString(), [Files.Url("look.png").ToString()], "make it sepia"));
        var done = await a.WaitDashScopeAsync(id);
        Assert.Equal("SUCCEEDED", done.GetProperty("output").GetProperty("task_status").GetString());
        SecretResult = Directory.EnumerateFiles(Path.Combine(DataDirectory, "results"), "*.mp4", SearchOption.AllDirectories)
            .Single(f => f.Contains(id, StringComparison.OrdinalIgnoreCase) || f.Contains(id.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

        // A task's work folder is data/work/<id>-<attempt>/: two levels up is the data folder.
        var relative = Path.GetRelativePath(Path.Combine(DataDirectory, "work", "x"), SecretResult);
        _tricks = HostileContainers.All(relative, SecretResult)
            .Concat(HostileContainers.All(relative, HostMedia).Select(t => t with { Name = t.Name + "-host" }))
            .ToDictionary(t => t.Name);
        foreach (var t in _tricks.Values)
        {
            await File.WriteAllBytesAsync(Path.Combine(media, t.Name + ".mov"), t.Bytes);
        }
        await File.WriteAllBytesAsync(Path.Combine(media, "manifest-comment.jpg"),
            HostileContainers.JpegWithManifestComment(await File.ReadAllBytesAsync(jpeg), HostileContainers.Mpd("file:" + SecretResult)));
    }

    /// <summary>Uploads <paramref name="bytes"/> as tenant B: the oss:// URL, or the refusal's status and body.</summary>
    public async Task<(int Status, JsonElement Body)> UploadAsync(byte[] bytes, string fileName)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys.B);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/quicktime");
        form.Add(file, "file", fileName);
        using var response = await http.PostAsync("api/v1/uploads", form);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Files.DisposeAsync();
        _dir.Dispose();
    }
}
