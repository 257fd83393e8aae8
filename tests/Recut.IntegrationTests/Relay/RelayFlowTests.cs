using System.Security.Cryptography;
using Recut.DashScopeSimulator;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Relay;

/// <summary>Recut → simulator end to end: the request relayed, inputs uploaded, upstream outcomes passed through unchanged.</summary>
[Collection(RelayCollection.Name)]
public sealed class RelayFlowTests(RelayFixture fx)
{
    private RelayEnvironment Env => fx.Env;

    [Fact]
    public async Task A_task_runs_upstream_with_uploaded_inputs_and_its_result_outlives_the_upstream_url()
    {
        using var api = Env.Api();
        var marker = Guid.NewGuid().ToString("N");
        var id = await Env.CreateAsync(api, marker);
        var final = await api.WaitDashScopeAsync(id);
        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(final));

        // Exactly one upstream task, created with the upstream key, inputs uploaded through getPolicy (loopback URLs
        // are unreachable for a real upstream) and named as oss:// URLs with the resolve header.
        var upstream = Assert.Single(Env.UpstreamTasksFor(marker));
        Assert.Equal(RelayEnvironment.UpstreamKey, upstream.KeyUsed);
        var media = upstream.Body["input"]!["media"]!.AsArray();
        Assert.All(media, m => Assert.StartsWith("oss://dashscope-instant/", m!["url"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("reference_image", media[1]!["type"]!.GetValue<string>());
        var create = Env.Upstream.Requests.Last(r => r.Method == "POST" && r.Body?.Contains(marker, StringComparison.Ordinal) == true);
        Assert.Equal("enable", create.Headers["X-DashScope-OssResourceResolve"]);
        Assert.Equal("enable", create.Headers["X-DashScope-Async"]);
        // The DashScope dialect's defaults went upstream as explicit values.
        Assert.Equal("1080P", upstream.Body["parameters"]!["resolution"]!.GetValue<string>());
        Assert.True(upstream.Body["parameters"]!["prompt_extend"]!.GetValue<bool>());

        // Upstream ids stay private; usage is upstream's.
        var output = final.GetProperty("output");
        Assert.NotEqual(upstream.Id, output.GetProperty("task_id").GetString());
        Assert.DoesNotContain(upstream.Id, final.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2.5, final.GetProperty("usage").GetProperty("input_video_duration").GetDouble(), 1);
        Assert.Equal(2.5, final.GetProperty("usage").GetProperty("output_video_duration").GetDouble(), 1);
        Assert.Equal("Edit plan (simulated): make it warmer " + marker, output.GetProperty("actual_prompt").GetString());

        // The result is Recut's own copy: still there after upstream has expired the task and its URL.
        Env.Upstream.ExpireAllTasks();
        Env.Upstream.ExpireAllResults();
        var resultUrl = output.GetProperty("video_url").GetString()!;
        Assert.DoesNotContain(Env.Upstream.BaseUrl.Authority, resultUrl, StringComparison.Ordinal);
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(new Uri(resultUrl));
        var original = await File.ReadAllBytesAsync(Path.Combine(Env.MediaDirectory, "clip.mp4"));
        Assert.Equal(SHA256.HashData(original), SHA256.HashData(bytes));
        var again = await api.WaitDashScopeAsync(id);
        Assert.Equal("SUCCEEDED", RelayEnvironment.Status(again));
    }

    [Theory]
    [InlineData("InvalidFile.Duration", "The duration of the input video must be between 2 and 10 seconds.")]
    [InlineData("InvalidParameter.DataInspection", "The media format is not supported or incorrect for the data inspection.")]
    [InlineData("DataInspectionFailed", "Output data may contain inappropriate content.")]
    [InlineData("InternalError.Algo", "An error occurred in model algorithm.")]
    [InlineData("InternalError.Timeout", "An internal timeout error has occured during execution.")]
    [InlineData("InvalidParameter", "The parameter 'ratio' is invalid.")]
    public async Task An_upstream_failure_reaches_the_caller_with_code_and_message_unchanged(string code, string message)
    {
        var marker = Guid.NewGuid().ToString("N");
        Env.Upstream.WhenPromptContains(marker, SimOutcome.Fail(code, message));
        using var api = Env.Api();
        var id = await Env.CreateAsync(api, marker);
        var final = await api.WaitDashScopeAsync(id);
        var output = final.GetProperty("output");
        Assert.Equal("FAILED", output.GetProperty("task_status").GetString());
        Assert.Equal(code, output.GetProperty("code").GetString());
        Assert.Equal(message, output.GetProperty("message").GetString());
        Assert.False(final.TryGetProperty("usage", out _));
        Assert.Single(Env.UpstreamTasksFor(marker));

        var (_, apiyi) = await api.GetAsync($"v1/tasks/{id}");
        Assert.Equal($"[{code}] {message}", apiyi.GetProperty("fail_reason").GetString());
    }

    [Fact]
    public async Task A_request_upstream_refuses_at_create_fails_with_its_code()
    {
        // An oss:// input is uploaded for the same account, but upstream refuses the create itself: the refusal, unchanged.
        Env.Upstream.Faults.Enqueue(SimOperation.Create, new SimFault { Status = 400, Code = "InvalidParameter", Message = "Field required: input.media" });
        using var api = Env.Api();
        var marker = Guid.NewGuid().ToString("N");
        var id = await Env.CreateAsync(api, marker);
        var output = (await api.WaitDashScopeAsync(id)).GetProperty("output");
        Assert.Equal("FAILED", output.GetProperty("task_status").GetString());
        Assert.Equal("InvalidParameter", output.GetProperty("code").GetString());
        Assert.Equal("Field required: input.media", output.GetProperty("message").GetString());
        Assert.Empty(Env.UpstreamTasksFor(marker));
    }

    [Fact]
    public async Task Canceling_a_pending_task_means_no_upstream_task_is_ever_created()
    {
        // Both workers are busy with slow upstream tasks, so the third Recut task waits PENDING (it has no upstream
        // task yet: the relay creates one only when a worker runs it) and the cancel leaves nothing to cancel upstream.
        var slow = Guid.NewGuid().ToString("N");
        Env.Upstream.WhenPromptContains(slow, new SimOutcome { RunFor = TimeSpan.FromSeconds(4) });
        using var api = Env.Api();
        var busy = new[] { await Env.CreateAsync(api, slow + "-1"), await Env.CreateAsync(api, slow + "-2") };
        await WaitUntilAsync(() => Env.UpstreamTasksFor(slow).Count == 2);
        var waiting = Guid.NewGuid().ToString("N");
        var id = await Env.CreateAsync(api, waiting);
        var (status, body) = await api.PostAsync($"api/v1/tasks/{id}/cancel", "", asyncHeader: false);
        Assert.Equal(200, status);
        Assert.True(body.TryGetProperty("request_id", out _));
        Assert.Equal("CANCELED", RelayEnvironment.Status(await api.WaitDashScopeAsync(id)));
        foreach (var b in busy)
        {
            Assert.Equal("SUCCEEDED", RelayEnvironment.Status(await api.WaitDashScopeAsync(b)));
        }
        Assert.Empty(Env.UpstreamTasksFor(waiting));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
