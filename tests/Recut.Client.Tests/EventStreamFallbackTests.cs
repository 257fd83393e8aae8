using Microsoft.AspNetCore.Http;
using Recut.TestSupport;

namespace Recut.Client.Tests;

/// <summary>
/// A server that takes the event stream's request and then never answers (a proxy buffering it, a hung route) must not
/// fail the wait: the stream counts as stalled, is retried a few times, and the wait then polls to the result.
/// </summary>
public sealed class EventStreamFallbackTests
{
    private const string TaskId = "0b2e7f7e-5d0c-4a3e-9a3a-8a1c1c7b1f00";

    [Fact]
    public async Task A_stream_that_never_answers_falls_back_to_polling_instead_of_throwing()
    {
        using var dir = new TempDir("recut-stall-");
        await using var server = await StaticFileServer.StartAsync(dir.Path);
        var streamRequests = 0;
        server.MapRaw($"/api/v1/tasks/{TaskId}/events", async context =>
        {
            Interlocked.Increment(ref streamRequests);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        server.MapRaw($"/api/v1/tasks/{TaskId}", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""
                {"request_id":"r","output":{"task_id":"{{{TaskId}}}","task_status":"SUCCEEDED","video_url":"http://127.0.0.1/r.mp4"}}
                """);
        });
        var client = new RecutClient(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, new RecutClientOptions
        {
            BaseUrl = server.BaseUri,
            ApiKey = "k",
            UseEventStream = true,
            EventStreamStallTimeout = TimeSpan.FromMilliseconds(300),
        });

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        var final = await client.WaitAsync(TaskId, ct: limit.Token);

        Assert.Equal("SUCCEEDED", final.Status);
        Assert.True(Volatile.Read(ref streamRequests) >= 2, "the stalled stream was not retried before polling");
    }

    [Fact]
    public async Task The_caller_cancelling_still_ends_the_wait()
    {
        using var dir = new TempDir("recut-stall-");
        await using var server = await StaticFileServer.StartAsync(dir.Path);
        server.MapRaw($"/api/v1/tasks/{TaskId}/events", async context =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default));
        var client = new RecutClient(new HttpClient(), new RecutClientOptions { BaseUrl = server.BaseUri, ApiKey = "k", UseEventStream = true });

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitAsync(TaskId, ct: soon.Token));
    }
}
