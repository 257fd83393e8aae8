using System.Security.Cryptography;
using Recut.Client.Tests.Support;
using Recut.DashScopeSimulator;

namespace Recut.Client.Tests;

/// <summary>The SDK against a DashScope-compatible endpoint (the simulator): uploads, waits, retries and what it never retries.</summary>
public sealed class SimulatorClientTests(SimulatorFixture fx) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_local_video_and_image_are_uploaded_edited_waited_for_and_downloaded()
    {
        var client = fx.Client();
        var video = await client.UploadAsync(fx.Clip);
        var image = await client.UploadAsync(fx.Image);
        Assert.StartsWith("oss://dashscope-instant/", video, StringComparison.Ordinal);
        Assert.EndsWith("/clip.mp4", video, StringComparison.Ordinal);
        Assert.Contains(video["oss://".Length..], fx.Sim.UploadedKeys);

        var marker = Guid.NewGuid().ToString("N");
        var id = await client.CreateEditTaskAsync(new EditTaskSpec { VideoUrl = video, ReferenceImageUrls = [image], Prompt = "make it pop " + marker });
        var create = fx.Sim.Requests.Last(r => r.Body?.Contains(marker, StringComparison.Ordinal) == true);
        Assert.Equal("enable", create.Headers["X-DashScope-OssResourceResolve"]);

        var seen = new List<string>();
        var final = await client.WaitAsync(id, new Collect(seen));
        Assert.Equal("SUCCEEDED", final.Status);
        Assert.Contains("SUCCEEDED", seen);
        Assert.True(seen.Count >= 2, "progress is reported on every poll");

        using var dir = new Recut.TestSupport.TempDir("recut-client-dl-");
        var target = dir.File("out.mp4");
        var fractions = new List<double>();
        await client.DownloadResultAsync(final, target, new Progress<double>(fractions.Add));
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(fx.Clip)), SHA256.HashData(await File.ReadAllBytesAsync(target)));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task Queries_are_retried_through_a_throttling_burst()
    {
        var client = fx.Client(maxRetries: 3);
        fx.Sim.Faults.Enqueue(SimOperation.Query, SimFault.Throttle(), 3);
        var task = await client.GetTaskAsync(Guid.NewGuid().ToString());
        Assert.Equal("UNKNOWN", task.Status);
        Assert.Equal(0, fx.Sim.Faults.Pending(SimOperation.Query));
    }

    [Fact]
    public async Task A_retry_budget_that_runs_out_surfaces_the_last_typed_error()
    {
        var client = fx.Client(maxRetries: 1);
        fx.Sim.Faults.Enqueue(SimOperation.Query, SimFault.ServerError(), 2);
        var e = await Assert.ThrowsAsync<RecutApiException>(() => client.GetTaskAsync("t-1"));
        Assert.Equal((500, "InternalError"), (e.HttpStatus, e.Code));
        Assert.True(e.IsTransient);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_create_is_never_retried_where_the_endpoint_ignores_idempotency_keys(bool withKey)
    {
        var client = fx.Client(maxRetries: 3, honoursIdempotency: false);
        var marker = Guid.NewGuid().ToString("N");
        fx.Sim.Faults.Enqueue(SimOperation.Create, SimFault.ServerError());
        var spec = new EditTaskSpec { VideoUrl = "https://example.com/v.mp4", Prompt = marker, IdempotencyKey = withKey ? marker : null };
        var e = await Assert.ThrowsAsync<RecutApiException>(() => client.CreateEditTaskAsync(spec));
        Assert.Equal(500, e.HttpStatus);
        Assert.Single(fx.Sim.Requests, r => r.Method == "POST" && r.Path.EndsWith("video-synthesis", StringComparison.Ordinal)
            && r.Body?.Contains(marker, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_upload_whose_form_post_fails_is_retried_with_a_fresh_policy()
    {
        var client = fx.Client();
        fx.Sim.Faults.Enqueue(SimOperation.Upload, SimFault.ServerError());
        var before = fx.Sim.Requests.Count(r => r.Path == "/api/v1/uploads");
        var url = await client.UploadAsync(fx.Image);
        Assert.Contains(url["oss://".Length..], fx.Sim.UploadedKeys);
        Assert.Equal(before + 2, fx.Sim.Requests.Count(r => r.Path == "/api/v1/uploads"));
    }

    [Fact]
    public async Task An_upload_refused_by_storage_is_a_typed_error_from_its_xml_answer()
    {
        var client = fx.Client();
        fx.Sim.Faults.Enqueue(SimOperation.Upload, new SimFault { Status = 403, Code = "AccessDenied", Message = "Invalid according to Policy: Policy expired." });
        // The scripted fault answers JSON; a real OSS refusal is XML (an expired policy below) — both become typed errors.
        var e = await Assert.ThrowsAsync<RecutApiException>(() => client.UploadAsync(fx.Image));
        Assert.Equal((403, "AccessDenied"), (e.HttpStatus, e.Code));

        var lifetime = fx.Sim.Settings.PolicyLifetime;
        fx.Sim.Settings.PolicyLifetime = TimeSpan.Zero;
        try
        {
            var expired = await Assert.ThrowsAsync<RecutApiException>(() => client.UploadAsync(fx.Image));
            Assert.Equal((403, "AccessDenied", "Invalid according to Policy: Policy expired."), (expired.HttpStatus, expired.Code, expired.ApiMessage));
            Assert.False(string.IsNullOrEmpty(expired.RequestId));
        }
        finally
        {
            fx.Sim.Settings.PolicyLifetime = lifetime;
        }
        await Assert.ThrowsAsync<FileNotFoundException>(() => client.UploadAsync(fx.Image + ".missing"));
    }

    [Fact]
    public async Task A_failed_task_raises_its_code_and_a_pending_one_can_be_canceled_once()
    {
        var client = fx.Client();
        var failing = Guid.NewGuid().ToString("N");
        fx.Sim.WhenPromptContains(failing, SimOutcome.Fail("DataInspectionFailed", "Input data may contain inappropriate content."));
        var id = await client.CreateEditTaskAsync(new EditTaskSpec { VideoUrl = "https://example.com/v.mp4", Prompt = failing });
        var e = await Assert.ThrowsAsync<RecutApiException>(() => client.WaitAsync(id));
        Assert.Equal(("DataInspectionFailed", "Input data may contain inappropriate content."), (e.Code, e.ApiMessage));

        var waiting = Guid.NewGuid().ToString("N");
        fx.Sim.WhenPromptContains(waiting, new SimOutcome { PendingFor = TimeSpan.FromSeconds(30) });
        var pending = await client.CreateEditTaskAsync(new EditTaskSpec { VideoUrl = "https://example.com/v.mp4", Prompt = waiting });
        await client.CancelAsync(pending);
        Assert.Equal("CANCELED", (await client.GetTaskAsync(pending)).Status);
        var again = await Assert.ThrowsAsync<RecutApiException>(() => client.CancelAsync(pending));
        Assert.Equal("UnsupportedOperation", again.Code);
        var list = await client.ListAsync(new TaskListFilter { PageSize = 100 });
        Assert.Contains(list.Items, t => t.TaskId == pending && t.Status == "CANCELED");
    }

    [Fact]
    public async Task Waiting_stops_when_the_caller_cancels()
    {
        var client = fx.Client();
        var slow = Guid.NewGuid().ToString("N");
        fx.Sim.WhenPromptContains(slow, new SimOutcome { PendingFor = TimeSpan.FromSeconds(30) });
        var id = await client.CreateEditTaskAsync(new EditTaskSpec { VideoUrl = "https://example.com/v.mp4", Prompt = slow });
        // The caller cancels after its third progress report, not after some milliseconds: how many polls fit in a
        // time span depends on how busy the machine is; what must hold is that no poll follows the cancellation.
        using var cts = new CancellationTokenSource();
        var polls = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.WaitAsync(id, new Collect(polls, cancelAfter: 3, cts), cts.Token).WaitAsync(TimeSpan.FromSeconds(25)));
        Assert.Equal(3, polls.Count);
        Assert.All(polls, s => Assert.Equal("PENDING", s));
    }

    private sealed class Collect(List<string> into, int cancelAfter = 0, CancellationTokenSource? cancel = null) : IProgress<TaskInfo>
    {
        public void Report(TaskInfo value)
        {
            into.Add(value.Status);
            if (into.Count == cancelAfter)
            {
                cancel?.Cancel();
            }
        }
    }
}
