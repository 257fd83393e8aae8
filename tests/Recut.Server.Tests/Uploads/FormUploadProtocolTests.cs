using System.Text;
using System.Text.Json;
using Recut.Protocol.Errors;
using Recut.Server.Tests.Limits;
using Recut.Tasks.Keys;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.Server.Tests.Uploads;

/// <summary>
/// DashScope's temporary-upload protocol against a real Recut over HTTP, driven the way the Python SDK drives it
/// (<see cref="SdkStyleUpload"/>): the getPolicy envelope, the OSS-style form upload, and every way a form can be
/// refused — changed signature or policy, expiry, a key outside upload_dir, overwrite, size, non-media bytes, quota.
/// </summary>
public sealed class FormUploadProtocolTests : IAsyncLifetime
{
    private const string Key = "sk-form-upload";
    private const long KiB = 1024;
    private InProcessServer _server = null!;
    private readonly TempDir _files = new("recut-form-files-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private SdkStyleUpload _sdk = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync(o =>
        {
            o.ApiKeys = Key;
            o.QueriesPerSecond = 1000;
        });
        _sdk = new SdkStyleUpload(_http, _server.BaseUrl, Key);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task GetPolicy_answers_the_envelope_the_sdk_reads_with_upload_host_on_this_server()
    {
        var credential = await _sdk.GetPolicyAsync();

        Assert.Equal(200, credential.Status);
        Assert.False(string.IsNullOrEmpty(credential.Body.GetProperty("request_id").GetString()));
        foreach (var field in new[] { "policy", "signature", "upload_dir", "upload_host", "oss_access_key_id", "x_oss_object_acl", "x_oss_forbid_overwrite" })
        {
            Assert.Equal(JsonValueKind.String, credential.Data.GetProperty(field).ValueKind);
        }
        Assert.Equal(300, credential.Data.GetProperty("expire_in_seconds").GetInt32());
        Assert.Equal(100, credential.Data.GetProperty("max_file_size_mb").GetInt32());
        Assert.True(credential.Data.GetProperty("capacity_limit_mb").GetInt32() > 0);
        Assert.Equal("private", credential.Field("x_oss_object_acl"));
        Assert.Equal("true", credential.Field("x_oss_forbid_overwrite"));
        Assert.Equal(new Uri(_server.BaseUrl, "api/v1/uploads/form"), new Uri(credential.Field("upload_host")));
        Assert.Matches("^recut-uploads/[0-9a-f]{32}$", credential.Field("upload_dir"));
        // The policy is OSS's document: expiration and conditions, the key prefix being the folder just issued.
        using var policy = JsonDocument.Parse(Convert.FromBase64String(credential.Field("policy")));
        Assert.True(policy.RootElement.TryGetProperty("expiration", out _));
        Assert.Contains(credential.Field("upload_dir") + "/", policy.RootElement.GetProperty("conditions").GetRawText(), StringComparison.Ordinal);
        // Each call is a fresh folder: one client cannot guess the next one's keys.
        Assert.NotEqual(credential.Field("upload_dir"), (await _sdk.GetPolicyAsync()).Field("upload_dir"));
    }

    [Fact]
    public async Task GetPolicy_needs_a_key_the_action_and_a_model()
    {
        var noKey = await _sdk.GetPolicyAsync(key: "sk-unknown");
        Assert.Equal(401, noKey.Status);
        Assert.Equal(ErrorCodes.InvalidApiKey, noKey.Body.GetProperty("code").GetString());

        Assert.Equal(400, (await GetAsync("api/v1/uploads?action=list&model=wan2.7-videoedit")).Status);
        Assert.Equal(400, (await GetAsync("api/v1/uploads")).Status);
        var noModel = await GetAsync("api/v1/uploads?action=getPolicy");
        Assert.Equal(400, noModel.Status);
        Assert.Equal(ErrorCodes.InvalidParameter, noModel.Body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_form_upload_stores_the_exact_bytes_under_the_key_and_never_overwrites_it()
    {
        var credential = await _sdk.GetPolicyAsync();
        var png = Png(30 * KiB);

        var first = await _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "look.png"), png, "look.png");

        Assert.Equal(200, first.Status);
        Assert.Equal("", first.Body);
        var stored = Assert.Single(StoredFiles());
        Assert.Equal(png, await File.ReadAllBytesAsync(stored));
        Assert.Contains(credential.Field("upload_dir")[UploadStoreBucket.Length..], stored.Replace('\\', '/'), StringComparison.Ordinal);

        var again = await _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "look.png"), Png(20 * KiB), "look.png");
        Assert.Equal(409, again.Status);
        Assert.Equal("FileAlreadyExists", again.Xml("Code"));
        Assert.Equal(png, await File.ReadAllBytesAsync(stored));

        // One policy serves more files in its folder, as the SDK reuses a certificate within one call.
        var second = await _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "My ref 2.png"), png, "My ref 2.png");
        Assert.Equal(200, second.Status);
        Assert.Equal(2, StoredFiles().Count);
    }

    [Fact]
    public async Task Success_action_status_picks_200_201_or_OSS_s_default_204()
    {
        var credential = await _sdk.GetPolicyAsync();
        var fields = SdkStyleUpload.FormFields(credential, "a.png");
        fields["success_action_status"] = "201";
        var created = await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png");
        Assert.Equal(201, created.Status);
        Assert.Equal(credential.Field("upload_dir") + "/a.png", created.Xml("Key"));

        fields = SdkStyleUpload.FormFields(credential, "b.png");
        fields.Remove("success_action_status");
        Assert.Equal(204, (await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "b.png")).Status);
    }

    [Fact]
    public async Task A_changed_signature_or_a_changed_policy_is_403_AccessDenied_and_stores_nothing()
    {
        var credential = await _sdk.GetPolicyAsync();
        var fields = SdkStyleUpload.FormFields(credential, "a.png");
        var signature = fields["Signature"];
        fields["Signature"] = (signature[0] == 'A' ? "B" : "A") + signature[1..];

        var tampered = await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png");

        AssertOssError(tampered, 403, "AccessDenied", "The request signature we calculated does not match the signature you provided.");
        Assert.Empty(StoredFiles());

        // A policy rewritten to allow another folder (or another tenant) keeps the old signature: refused alike.
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(credential.Field("policy")));
        var widened = text.Replace(credential.Field("upload_dir") + "/", "recut-uploads/", StringComparison.Ordinal);
        Assert.NotEqual(text, widened);
        fields = SdkStyleUpload.FormFields(credential, "a.png");
        fields["policy"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(widened));
        fields["key"] = "recut-uploads/" + new string('0', 32) + "/a.png";
        AssertOssError(await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png"), 403, "AccessDenied", null);

        fields = SdkStyleUpload.FormFields(credential, "a.png");
        fields["Signature"] = "not base64 at all!";
        AssertOssError(await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png"), 403, "AccessDenied", null);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_key_outside_the_issued_upload_dir_is_403_and_a_nested_name_400()
    {
        var credential = await _sdk.GetPolicyAsync();
        var other = (await _sdk.GetPolicyAsync()).Field("upload_dir");
        var outside = new[]
        {
            other + "/a.png",                             // another folder of the same tenant
            credential.Field("upload_dir") + "a.png",     // the prefix without its slash
            "dashscope-instant/" + credential.Field("upload_dir") + "/a.png",
        };
        foreach (var key in outside)
        {
            var fields = SdkStyleUpload.FormFields(credential, "a.png");
            fields["key"] = key;
            var answer = await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png");
            AssertOssError(answer, 403, "AccessDenied", null);
            Assert.StartsWith("Invalid according to Policy: Policy Condition failed", answer.Xml("Message"), StringComparison.Ordinal);
        }
        foreach (var name in new[] { "../a.png", "sub/a.png", "a.png?x=1", "", "a%2Fb.png" })
        {
            var fields = SdkStyleUpload.FormFields(credential, "a.png");
            fields["key"] = credential.Field("upload_dir") + "/" + name;
            AssertOssError(await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png"), 400, "InvalidObjectName", null);
        }
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task The_acl_and_overwrite_fields_must_match_the_policy()
    {
        var credential = await _sdk.GetPolicyAsync();
        foreach (var (field, value) in new[] { ("x-oss-object-acl", "public-read"), ("x-oss-forbid-overwrite", "false") })
        {
            var fields = SdkStyleUpload.FormFields(credential, "a.png");
            fields[field] = value;
            AssertOssError(await _sdk.PostFormAsync(Host(credential), fields, Png(10 * KiB), "a.png"), 403, "AccessDenied", null);
        }
        var missing = SdkStyleUpload.FormFields(credential, "a.png");
        missing.Remove("policy");
        AssertOssError(await _sdk.PostFormAsync(Host(credential), missing, Png(10 * KiB), "a.png"), 400, "InvalidArgument", null);
        var wrongId = SdkStyleUpload.FormFields(credential, "a.png");
        wrongId["OSSAccessKeyId"] = "LTAI5tSomebodyElse";
        AssertOssError(await _sdk.PostFormAsync(Host(credential), wrongId, Png(10 * KiB), "a.png"), 403, "InvalidAccessKeyId", null);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task Non_media_bytes_and_an_oversize_image_are_refused_like_the_direct_upload()
    {
        var credential = await _sdk.GetPolicyAsync();
        var script = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>" + new string(' ', 4096));

        var junk = await _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "a.png"), script, "a.png");

        AssertOssError(junk, 400, ErrorCodes.FileFormat, null);
        // 21 MiB of PNG: over the 20 MB image limit, under the 100 MB policy range.
        var big = await _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "big.png"), Png(21 * 1024 * KiB), "big.png");
        AssertOssError(big, 400, ErrorCodes.FileSize, null);
        Assert.Contains("20 MB", big.Xml("Message"), StringComparison.Ordinal);
        Assert.Empty(StoredFiles());
        // A refused file leaves its key free.
        Assert.Equal(200, (await _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "a.png"), Png(10 * KiB), "a.png")).Status);
    }

    [Fact]
    public async Task A_managed_key_s_storage_quota_holds_for_form_uploads()
    {
        var store = ApiKeyStoreFactory.Create(Path.Combine(_server.DataDirectory, "tasks.db"), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var key = (await store.CreateAsync("form-uploader", new ApiKeyLimits(UploadHeldMb: 1), "test", CancellationToken.None)).Key;
        await store.DisposeAsync();
        var sdk = new SdkStyleUpload(_http, _server.BaseUrl, key);
        var credential = await sdk.GetPolicyAsync();
        Assert.Equal(200, credential.Status);

        Assert.Equal(200, (await sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "a.png"), Png(600 * KiB), "a.png")).Status);
        var second = await sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "b.png"), Png(600 * KiB), "b.png");

        AssertOssError(second, 429, ErrorCodes.StorageQuota, ErrorMessages.UploadHeldQuota(1024 * KiB));
        Assert.Single(StoredFiles());
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_or_has_no_file_is_400()
    {
        var credential = await _sdk.GetPolicyAsync();
        using (var json = await _http.PostAsync(Host(credential), new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(400, (int)json.StatusCode);
            Assert.Contains("<Code>InvalidArgument</Code>", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in SdkStyleUpload.FormFields(credential, "a.png"))
        {
            form.Add(new StringContent(value), name);
        }
        using var noFile = await _http.PostAsync(Host(credential), form);
        Assert.Equal(400, (int)noFile.StatusCode);
        Assert.Contains("<Code>InvalidArgument</Code>", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_uploads_of_one_key_store_one_file_and_refuse_the_rest()
    {
        var credential = await _sdk.GetPolicyAsync();
        var files = Enumerable.Range(0, 4).Select(i => Png((300 + i) * KiB)).ToArray();

        var answers = await Task.WhenAll(files.Select(f =>
            _sdk.PostFormAsync(Host(credential), SdkStyleUpload.FormFields(credential, "same.png"), f, "same.png")));

        Assert.Equal(1, answers.Count(a => a.Status == 200));
        Assert.All(answers.Where(a => a.Status != 200), a => Assert.Equal((409, "FileAlreadyExists"), (a.Status, a.Xml("Code"))));
        var stored = Assert.Single(StoredFiles());
        Assert.Equal(files[Array.FindIndex(answers, a => a.Status == 200)], await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task Too_many_fields_or_an_oversized_field_is_refused_before_the_file()
    {
        var credential = await _sdk.GetPolicyAsync();
        var many = SdkStyleUpload.FormFields(credential, "a.png");
        for (var i = 0; i < 40; i++)
        {
            many[$"x-extra-{i}"] = "1";
        }
        AssertOssError(await _sdk.PostFormAsync(Host(credential), many, Png(10 * KiB), "a.png"), 400, "InvalidArgument", null);

        var huge = SdkStyleUpload.FormFields(credential, "a.png");
        huge["policy"] = new string('A', 20_000);
        AssertOssError(await _sdk.PostFormAsync(Host(credential), huge, Png(10 * KiB), "a.png"), 400, "InvalidArgument", null);
        Assert.Empty(StoredFiles());
    }

    private const string UploadStoreBucket = "recut-uploads";

    private static Uri Host(SdkStyleUpload.Credential credential) => new(credential.Field("upload_host"));

    private static void AssertOssError(SdkStyleUpload.FormAnswer answer, int status, string code, string? message)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal("application/xml", answer.ContentType);
        Assert.Equal(code, answer.Xml("Code"));
        Assert.False(string.IsNullOrEmpty(answer.Xml("RequestId")));
        if (message is not null)
        {
            Assert.Equal(message, answer.Xml("Message"));
        }
    }

    private List<string> StoredFiles()
    {
        var root = Path.Combine(_server.DataDirectory, "uploads");
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList() : [];
    }

    private async Task<(int Status, JsonElement Body)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        using var response = await _http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>A real PNG padded to <paramref name="size"/> bytes (bytes after IEND are ignored by decoders).</summary>
    private byte[] Png(long size)
    {
        var path = TestMedia.LogoPng(_files.File($"{Guid.NewGuid():N}.png"), 64, 64, SKColors.Red);
        var bytes = File.ReadAllBytes(path);
        Array.Resize(ref bytes, (int)size);
        return bytes;
    }
}
