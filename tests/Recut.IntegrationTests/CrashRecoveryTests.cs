using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>
/// An accepted task survives kill -9 of the server mid-edit: after restart the task completes, with exactly one
/// result file. Runs its own server (short leases) so killing it disturbs no other test.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Task_running_when_the_server_is_killed_completes_after_restart_with_one_result()
    {
        using var dir = new TempDir("recut-crash-");
        var media = Path.Combine(dir.Path, "media");
        Directory.CreateDirectory(media);
        // Long enough at 1080p that the kill lands mid-edit on these machines.
        await TestMedia.VideoAsync(Path.Combine(media, "long.mp4"), 1280, 720, 8, withAudio: true);
        await TestMedia.ImageAsync(Path.Combine(media, "look.png"), 640, 360, "gradients=s=640x360:c0=0x2040ff:c1=0xffe000:nb_colors=2:seed=5");
        await using var files = await StaticFileServer.StartAsync(media);
        var data = Path.Combine(dir.Path, "data");
        var env = new Dictionary<string, string> { ["RECUT_LEASE_SECONDS"] = "6", ["RECUT_WORKERS"] = "1" };
        var server = new ServerProcess(data, env);
        await server.StartAsync();
        string id;
        try
        {
            using var api = new Api(server.BaseUrl);
            id = await api.CreateAsync(Api.Body(files.Url("long.mp4").ToString(), [files.Url("look.png").ToString()],
                "give the video the colour look of the reference image and blur it",
                new JsonObject { ["resolution"] = "1080P", ["seed"] = 7 }));
            // A bound for a stuck run, not an expectation: fetching and probing take seconds on a loaded machine.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (true)
            {
                var (_, body) = await api.GetAsync($"v1/tasks/{id}");
                if (body.GetProperty("status").GetString() == "in_progress" && body.GetProperty("progress").GetInt32() > 0)
                {
                    break;
                }
                Assert.NotEqual("completed", body.GetProperty("status").GetString()); // too fast to test a crash: make the clip longer
                Assert.True(DateTime.UtcNow < deadline, "the task never started running: " + body);
                await Task.Delay(100);
            }
        }
        finally
        {
            await server.KillAsync();
        }

        // Same data folder, same port: as if systemd restarted the service.
        await using var restarted = new ServerProcess(data, env, server.Port);
        await restarted.StartAsync();
        using (var api = new Api(restarted.BaseUrl))
        {
            var ds = await api.WaitDashScopeAsync(id, TimeSpan.FromMinutes(3));
            Assert.True(ds.GetProperty("output").GetProperty("task_status").GetString() == "SUCCEEDED", ds.ToString() + restarted.Log);
            using var http = new HttpClient();
            var bytes = await http.GetByteArrayAsync(ds.GetProperty("output").GetProperty("video_url").GetString());
            Assert.True(bytes.Length > 10_000);
        }
        var results = Directory.GetFiles(Path.Combine(data, "results"), "*.mp4", SearchOption.AllDirectories);
        Assert.Single(results);
        Assert.Contains(id, Path.GetFileName(results[0]), StringComparison.Ordinal);
    }
}
