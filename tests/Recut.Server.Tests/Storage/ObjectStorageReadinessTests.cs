using System.Text.Json;
using Amazon.S3.Model;
using Recut.Media.Storage.S3;
using Recut.Server.Tests.Limits;
using Recut.TestSupport;

namespace Recut.Server.Tests.Storage;

/// <summary>/readyz includes the bucket: a bucket that goes away after start-up makes the server unready, saying why without naming it.</summary>
[Trait("Category", TestS3.Category)]
public sealed class ObjectStorageReadinessTests
{
    [Fact]
    public async Task A_bucket_deleted_after_start_up_makes_readiness_fail_with_the_reason()
    {
        var s3 = TestS3.Require("ready");
        s3.Bucket = "recut-ready-" + Guid.NewGuid().ToString("N")[..12];
        using var client = S3ClientFactory.Create(s3);
        await client.PutBucketAsync(new PutBucketRequest { BucketName = s3.Bucket });
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.ApiKeys = "k";
            o.S3 = s3;
        });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var (ready, before) = await ReadyAsync(http);
        Assert.Equal(200, ready);
        Assert.Equal("Healthy", before.GetProperty("object-storage").GetProperty("status").GetString());

        await client.DeleteBucketAsync(new DeleteBucketRequest { BucketName = s3.Bucket });
        var (unready, after) = await ReadyAsync(http);

        Assert.Equal(503, unready);
        var entry = after.GetProperty("object-storage");
        Assert.Equal("Unhealthy", entry.GetProperty("status").GetString());
        Assert.Contains("the bucket does not exist", entry.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(s3.Bucket, entry.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonElement Checks)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("readyz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return ((int)response.StatusCode, body.GetProperty("checks").Clone());
    }
}
