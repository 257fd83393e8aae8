using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests;

/// <summary>Asynchronous outcomes: failures carry the right code, tenants are isolated, cancel and list behave.</summary>
[Collection(ServerCollection.Name)]
public sealed class TaskLifecycleTests(ServerFixture fx)
{
    [Fact]
    public async Task An_edit_the_engine_cannot_do_fails_with_unsupported_edit_listing_what_it_can_do()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "make the person dance on the moon"));
        var (_, final) = await api.WaitApiyiAsync(id);
        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Equal("UnsupportedEdit", final.GetProperty("error").GetProperty("code").GetString());
        var message = final.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("colour", message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("[UnsupportedEdit] ", final.GetProperty("fail_reason").GetString(), StringComparison.Ordinal);
        Assert.False(final.TryGetProperty("result_url", out _));

        var ds = await api.WaitDashScopeAsync(id);
        Assert.Equal("FAILED", ds.GetProperty("output").GetProperty("task_status").GetString());
        Assert.Equal("UnsupportedEdit", ds.GetProperty("output").GetProperty("code").GetString());
        Assert.False(ds.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task A_too_short_video_fails_with_invalid_file_duration_stating_value_and_limit()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.ShortClip.ToString(), [fx.Look.ToString()], "make it sepia"));
        var ds = await api.WaitDashScopeAsync(id);
        var output = ds.GetProperty("output");
        Assert.Equal("FAILED", output.GetProperty("task_status").GetString());
        Assert.Equal("InvalidFile.Duration", output.GetProperty("code").GetString());
        Assert.Matches("1(\\.0+)?", output.GetProperty("message").GetString()!);
        Assert.Contains("2", output.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_fails_with_data_inspection()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Files.Url("missing.mp4").ToString(), [fx.Look.ToString()], "make it sepia"));
        var ds = await api.WaitDashScopeAsync(id);
        Assert.Equal("InvalidParameter.DataInspection", ds.GetProperty("output").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_key_sees_unknown_and_404_and_cannot_cancel_or_list_the_task()
    {
        using var owner = fx.Api(Keys.A);
        using var stranger = fx.Api(Keys.B);
        var id = await owner.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "make it brighter"));

        var (s, ds) = await stranger.GetAsync($"api/v1/tasks/{id}");
        Assert.Equal(200, s);
        Assert.Equal("UNKNOWN", ds.GetProperty("output").GetProperty("task_status").GetString());
        var (s2, apiyi) = await stranger.GetAsync($"v1/tasks/{id}");
        Assert.Equal(404, s2);
        Assert.Equal("TaskNotFound", apiyi.GetProperty("code").GetString());
        var (s3, _) = await stranger.PostAsync($"api/v1/tasks/{id}/cancel", "");
        Assert.Equal(400, s3);
        var (_, list) = await stranger.GetAsync($"api/v1/tasks?task_id={id}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());

        var (_, mine) = await owner.GetAsync($"api/v1/tasks?task_id={id}");
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        Assert.Equal(id, mine.GetProperty("data")[0].GetProperty("task_id").GetString());
        await owner.WaitApiyiAsync(id);
    }

    [Fact]
    public async Task Unknown_id_reads_unknown_on_dashscope_and_404_on_apiyi()
    {
        using var api = fx.Api();
        var (_, ds) = await api.GetAsync($"api/v1/tasks/{Guid.NewGuid()}");
        Assert.Equal("UNKNOWN", ds.GetProperty("output").GetProperty("task_status").GetString());
        var (s, body) = await api.GetAsync("v1/tasks/not-a-uuid");
        Assert.Equal(404, s);
        Assert.Equal("TaskNotFound", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cancel_works_only_while_pending()
    {
        // PENDING for certain: a server of the api role runs no workers, so nothing can take the task first.
        using var dir = new Recut.TestSupport.TempDir("recut-cancel-");
        await using (var apiOnly = await InProcessServer.StartAsync(dir.Path, new Dictionary<string, string> { ["Recut__Role"] = "api" }))
        {
            using var held = new Api(apiOnly.BaseUrl, Keys.B);
            var pending = await held.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "blur the video"));
            var (status, body) = await held.PostAsync($"api/v1/tasks/{pending}/cancel", "");
            Assert.True(status == 200, $"cancel of a PENDING task answered {status}: {body}");
            var (_, ds) = await held.GetAsync($"api/v1/tasks/{pending}");
            Assert.Equal("CANCELED", ds.GetProperty("output").GetProperty("task_status").GetString());
            var (_, apiyi) = await held.GetAsync($"v1/tasks/{pending}");
            Assert.Equal("failed", apiyi.GetProperty("status").GetString());
            var (again, _) = await held.PostAsync($"api/v1/tasks/{pending}/cancel", "");
            Assert.Equal(400, again); // CANCELED is final: no second cancel
        }

        using var api = fx.Api(Keys.B);
        var done = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "blur the video"));
        var first = await api.WaitDashScopeAsync(done);
        Assert.Equal("SUCCEEDED", first.GetProperty("output").GetProperty("task_status").GetString());
        var (s2, b2) = await api.PostAsync($"api/v1/tasks/{done}/cancel", "");
        Assert.Equal(400, s2);
        Assert.Equal("UnsupportedOperation", b2.GetProperty("code").GetString());
        Assert.Equal("Failed to cancel the task, please confirm if the task is in PENDING status.", b2.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Health_metrics_and_openapi_answer()
    {
        using var api = fx.Api(null);
        foreach (var probe in new[] { "livez", "readyz", "healthz" })
        {
            var (h, health) = await api.GetAsync(probe);
            Assert.True(h == 200, $"{probe} answered {h}: {health}");
            Assert.Equal("Healthy", health.GetProperty("status").GetString());
        }
        var (_, ready) = await api.GetAsync("readyz");
        Assert.Contains("ffmpeg version", ready.GetProperty("checks").GetProperty("ffmpeg").GetProperty("description").GetString(), StringComparison.Ordinal);
        // A counter appears once it has counted: create a task here rather than rely on other tests running first.
        using (var owner = fx.Api())
        {
            await owner.CreateAsync(Api.Body(fx.ShortClip.ToString(), [fx.Look.ToString()], "make it sepia"));
        }
        var metrics = await api.Http.GetStringAsync("metrics");
        Assert.Contains("recut_tasks_created", metrics, StringComparison.Ordinal);
        var (o, openapi) = await api.GetAsync("openapi/v1.json");
        Assert.Equal(200, o);
        var paths = openapi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/wan/api/v1/services/aigc/video-generation/video-synthesis", out _));
        Assert.True(paths.TryGetProperty("/v1/tasks/{taskId}", out _));
        Assert.True(paths.TryGetProperty("/livez", out _));
        Assert.True(paths.TryGetProperty("/readyz", out _));
        Assert.True(paths.TryGetProperty("/healthz", out _));
        var docs = await api.Http.GetAsync("docs");
        Assert.Equal(200, (int)docs.StatusCode);
    }
}
