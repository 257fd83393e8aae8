using System.Net;
using System.Text;
using Recut.Media.Signing;
using Recut.Media.Storage.S3;
using Recut.Server.Tests.Limits;
using Recut.TestSupport;

namespace Recut.Server.Tests.Storage;

/// <summary>RECUT_S3_REDIRECT: a valid signed result URL answers 302 to a presigned GET that expires with it.</summary>
[Trait("Category", TestS3.Category)]
public sealed class ResultRedirectTests
{
    private const string Secret = "result-redirect-tests-secret-0123456789";

    [Fact]
    public async Task A_signed_url_redirects_to_a_presigned_get_that_dies_with_it()
    {
        var s3 = TestS3.Require("redirect");
        s3.Redirect = true;
        using var files = new TempDir("recut-redirect-");
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.ApiKeys = "k";
            o.SigningSecret = Secret;
            o.S3 = s3;
        });
        var bytes = Encoding.ASCII.GetBytes(new string('r', 4000));
        await File.WriteAllBytesAsync(files.File("r.mp4"), bytes);
        using var bucket = new S3Bucket(s3);
        var key = await new S3ResultStore(bucket).PutAsync(Guid.NewGuid(), files.File("r.mp4"), CancellationToken.None);
        var expires = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeSeconds());
        var signature = new ResultUrlSigner(Encoding.UTF8.GetBytes(Secret)).Sign(key, expires);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync($"{server.BaseUrl}results/{key}?Expires={expires.ToUnixTimeSeconds()}&Signature={Uri.EscapeDataString(signature)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(s3.Endpoint!, location.AbsoluteUri, StringComparison.Ordinal);
        Assert.InRange((TestS3.PresignedExpiryOf(location) - expires).TotalSeconds, -1, 1);
        Assert.Equal(bytes, await http.GetByteArrayAsync(location));

        // A forged Recut URL gets no presigned one.
        using var forged = await http.GetAsync($"{server.BaseUrl}results/{key}?Expires={expires.ToUnixTimeSeconds() + 60}&Signature={Uri.EscapeDataString(signature)}");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }
}
