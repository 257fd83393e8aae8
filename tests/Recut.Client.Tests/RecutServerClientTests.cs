using Recut.Client.Tests.Support;
using Recut.Protocol.Requests;

namespace Recut.Client.Tests;

/// <summary>The SDK against a real Recut server (local engine) in both dialects.</summary>
public sealed class RecutServerClientTests(RecutServerFixture fx) : IClassFixture<RecutServerFixture>
{
    [Fact]
    public async Task An_apiyi_task_is_created_waited_for_with_real_progress_downloaded_and_listed()
    {
        var client = fx.Client(Dialect.Apiyi);
        var id = await client.CreateEditTaskAsync(new EditTaskSpec
        {
            VideoUrl = fx.Files.Url("clip.mp4").ToString(),
            ReferenceImageUrls = [fx.Files.Url("look.png").ToString()],
            Prompt = "make it sepia",
            IdempotencyKey = Guid.NewGuid().ToString(),
        });
        var progress = new List<int?>();
        var final = await client.WaitAsync(id, new CollectingProgress(t => progress.Add(t.Progress)));
        Assert.Equal("SUCCEEDED", final.Status);
        Assert.Equal(100, progress[^1]);
        using var dir = new Recut.TestSupport.TempDir("recut-client-dl-");
        await client.DownloadResultAsync(final, dir.File("out.mp4"));
        Assert.True(new FileInfo(dir.File("out.mp4")).Length > 1000);

        var page = await client.ListAsync();
        Assert.Contains(page.Items, t => t.TaskId == id && t.Status == "SUCCEEDED" && t.ModelName == "wan2.7-videoedit");
        var e = await Assert.ThrowsAsync<RecutApiException>(() => client.CancelAsync(id));
        Assert.Equal((400, "UnsupportedOperation"), (e.HttpStatus, e.Code));
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Fact]
    public async Task A_local_file_goes_to_recut_by_dashscope_s_upload_protocol_and_can_be_edited()
    {
        var seen = new RecordingHandler();
        var client = fx.Client(handler: seen);
        var url = await client.UploadAsync(fx.Clip);
        Assert.Matches("^oss://recut-uploads/[0-9a-f]{32}/clip\\.mp4$", url);
        // The same code path as against DashScope: a policy, then the form post to upload_host — which, as with OSS,
        // never sees the API key. Not the one-request Recut upload that older servers fall back to.
        Assert.Equal(["GET /api/v1/uploads?action=getPolicy&model=wan2.7-videoedit (key)", "POST /api/v1/uploads/form"], seen.Requests);
        var id = await client.CreateEditTaskAsync(new EditTaskSpec { VideoUrl = url, Prompt = "make it black and white" });
        Assert.Equal("SUCCEEDED", (await client.WaitAsync(id)).Status);
    }

    [Fact]
    public async Task A_refused_form_upload_surfaces_the_oss_error_code_and_request_id()
    {
        using var dir = new Recut.TestSupport.TempDir("recut-client-junk-");
        await File.WriteAllTextAsync(dir.File("notes.png"), "<html>not an image</html>");

        var e = await Assert.ThrowsAsync<RecutApiException>(() => fx.Client().UploadAsync(dir.File("notes.png")));

        Assert.Equal((400, "InvalidFile.Format"), (e.HttpStatus, e.Code));
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Fact]
    public async Task Unknown_tasks_and_wrong_keys_answer_as_each_dialect_says()
    {
        Assert.Equal("UNKNOWN", (await fx.Client().GetTaskAsync(Guid.NewGuid().ToString())).Status);
        var notFound = await Assert.ThrowsAsync<RecutApiException>(() => fx.Client(Dialect.Apiyi).GetTaskAsync(Guid.NewGuid().ToString()));
        Assert.Equal((404, "TaskNotFound"), (notFound.HttpStatus, notFound.Code));
        var denied = await Assert.ThrowsAsync<RecutApiException>(() => fx.Client(key: "not-a-key").GetTaskAsync(Guid.NewGuid().ToString()));
        Assert.Equal((401, "InvalidApiKey"), (denied.HttpStatus, denied.Code));
        Assert.False(string.IsNullOrEmpty(denied.RequestId));
    }

    /// <summary>Notes each request's method and path (and whether it carried a key), then sends it on.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = request.Headers.Authorization is null ? "" : " (key)";
            lock (Requests)
            {
                Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}{key}");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
