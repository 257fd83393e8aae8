using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>After the retention window a task reads UNKNOWN and its result file is gone.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Expired_tasks_answer_unknown_and_their_files_are_deleted()
    {
        using var dir = new TempDir("recut-retention-");
        var media = Path.Combine(dir.Path, "media");
        Directory.CreateDirectory(media);
        await TestMedia.VideoAsync(Path.Combine(media, "clip.mp4"), 640, 360, 2);
        await TestMedia.ImageAsync(Path.Combine(media, "look.png"), 320, 240);
        await using var files = await StaticFileServer.StartAsync(media);
        var data = Path.Combine(dir.Path, "data");
        // 30 s retention: short enough to watch the task go. Only final tasks expire, so on a slow machine a task that
        // takes longer than that still finishes and is read; then the sweep (every 7.5 s) takes it.
        await using var server = new ServerProcess(data, new Dictionary<string, string> { ["Recut__RetentionHours"] = (30 / 3600.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture) });
        await server.StartAsync();
        using var api = new Api(server.BaseUrl);
        var id = await api.CreateAsync(Api.Body(files.Url("clip.mp4").ToString(), [files.Url("look.png").ToString()], "make it sepia"));
        var done = await api.WaitDashScopeAsync(id);
        Assert.Equal("SUCCEEDED", done.GetProperty("output").GetProperty("task_status").GetString());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "results"), "*.mp4", SearchOption.AllDirectories));

        var deadline = DateTime.UtcNow.AddSeconds(120);
        string status;
        do
        {
            await Task.Delay(500);
            var (_, body) = await api.GetAsync($"api/v1/tasks/{id}");
            status = body.GetProperty("output").GetProperty("task_status").GetString()!;
        }
        while (status != "UNKNOWN" && DateTime.UtcNow < deadline);
        Assert.Equal("UNKNOWN", status);
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "results"), "*.mp4", SearchOption.AllDirectories));
        var (s, _) = await api.GetAsync($"v1/tasks/{id}");
        Assert.Equal(404, s);
    }
}
