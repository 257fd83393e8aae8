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
}
