using Recut.Server.Tests.Limits;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.Server.Tests.Uploads;

/// <summary>A policy used after its expiration is refused as OSS refuses it, and stores nothing.</summary>
public sealed class FormUploadExpiryTests
{
    [Fact]
    public async Task An_expired_policy_is_403_AccessDenied_Policy_expired()
    {
        await using var server = await InProcessServer.StartAsync(o =>
        {
            o.ApiKeys = "sk-expiry";
            o.UploadPolicySeconds = 1;
        });
        using var http = new HttpClient();
        using var files = new TempDir("recut-expiry-");
        var sdk = new SdkStyleUpload(http, server.BaseUrl, "sk-expiry");
        var credential = await sdk.GetPolicyAsync();
        Assert.Equal(1, credential.Data.GetProperty("expire_in_seconds").GetInt32());
        var png = File.ReadAllBytes(TestMedia.LogoPng(files.File("a.png"), 64, 64, SKColors.Blue));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var answer = await sdk.PostFormAsync(new Uri(credential.Field("upload_host")), SdkStyleUpload.FormFields(credential, "a.png"), png, "a.png");

        Assert.Equal(403, answer.Status);
        Assert.Equal("AccessDenied", answer.Xml("Code"));
        Assert.Equal("Invalid according to Policy: Policy expired.", answer.Xml("Message"));
        var uploads = Path.Combine(server.DataDirectory, "uploads");
        Assert.False(Directory.Exists(uploads) && Directory.EnumerateFiles(uploads, "*", SearchOption.AllDirectories).Any());
    }
}
