using Microsoft.Extensions.Options;
using Recut.Server.Configuration;
using Recut.Server.Hosting;
using Recut.TestSupport;

namespace Recut.Server.Tests.Storage;

/// <summary>A bucket that cannot be used stops start-up with one message saying why, before any request is taken.</summary>
[Trait("Category", TestS3.Category)]
public sealed class S3StartupTests
{
    [Fact]
    public async Task A_missing_bucket_stops_start_up_naming_it()
    {
        var s3 = TestS3.Require("startup");
        s3.Bucket = "recut-missing-" + Guid.NewGuid().ToString("N")[..8];
        using var dir = new TempDir("recut-s3-startup-");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RecutServer.BuildAsync(new RecutOptions { DataDirectory = dir.File("data"), ApiKeys = "k", S3 = s3 }, ["http://127.0.0.1:0"]));

        Assert.StartsWith("RECUT_S3_BUCKET:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{s3.Bucket}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_credentials_stop_a_worker_host_naming_the_settings()
    {
        var s3 = TestS3.Require("startup");
        s3.AccessKey = "UNKNOWN-KEY";
        using var dir = new TempDir("recut-s3-startup-");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WorkerHost.BuildAsync(new RecutOptions { DataDirectory = dir.File("data"), Role = ServerRole.Worker, S3 = s3 }));

        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("RECUT_S3_ACCESS_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_nobody_answers_on_stops_start_up_saying_so()
    {
        var s3 = TestS3.Require("startup");
        s3.Endpoint = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        using var dir = new TempDir("recut-s3-startup-");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartupChecks.ObjectStorageAsync(new RecutOptions { DataDirectory = dir.File("data"), S3 = s3 }, CancellationToken.None));

        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_answering_server_errors_at_first_is_asked_again_before_start_up_gives_up()
    {
        var s3 = TestS3.Require("startup");
        var port = LoopbackPorts.Free();
        s3.Endpoint = $"http://127.0.0.1:{port}";
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        // More 500s than the SDK's own retries absorb in one attempt, so only Recut's own asking again gets through.
        const int Failures = 6;
        var answered = 0;
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                var failing = Interlocked.Increment(ref answered) <= Failures;
                context.Response.StatusCode = failing ? 500 : 200;
                context.Response.ContentType = "application/xml";
                var body = failing
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>"
                    : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>{s3.Bucket}</Name><Prefix>{s3.Prefix}</Prefix><KeyCount>0</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
        using var dir = new TempDir("recut-s3-startup-");

        await StartupChecks.ObjectStorageAsync(new RecutOptions { DataDirectory = dir.File("data"), S3 = s3 }, CancellationToken.None);

        Assert.True(Volatile.Read(ref answered) > Failures, $"start-up passed after {answered} requests");
        listener.Stop();
        await serving;
    }
}
