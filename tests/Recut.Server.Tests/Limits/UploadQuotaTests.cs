using System.Net.Http.Headers;
using System.Text.Json;
using Recut.Protocol.Errors;
using Recut.Tasks.Keys;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.Server.Tests.Limits;

/// <summary>
/// Upload storage quotas over real HTTP: bytes held at once and bytes per UTC day, server defaults for static keys and
/// a managed key's own values; parallel uploads never pass a limit together, and a failed upload gives its bytes back.
/// </summary>
public sealed class UploadQuotaTests : IAsyncLifetime
{
    private const string HeldKey = "sk-quota-held";
    private const string ParallelKey = "sk-quota-parallel";
    private const long KiB = 1024;
    private InProcessServer _server = null!;
    private readonly TempDir _files = new("recut-quota-files-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(o =>
    {
        o.ApiKeys = $"{HeldKey},{ParallelKey}";
        o.UploadHeldMb = 1;  // 1024 KiB at once
        o.UploadDailyMb = 100;
        o.QueriesPerSecond = 1000; // uploads are metered as queries; the rate is not what these tests measure
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Uploads_past_the_bytes_held_are_refused_429_and_a_failed_upload_gives_its_bytes_back()
    {
        Assert.Equal(200, (await UploadAsync(HeldKey, Png(400 * KiB))).Status);
        Assert.Equal(200, (await UploadAsync(HeldKey, Png(400 * KiB))).Status);

        var (status, body) = await UploadAsync(HeldKey, Png(400 * KiB));

        Assert.Equal(429, status);
        Assert.Equal(ErrorCodes.StorageQuota, body.GetProperty("code").GetString());
        Assert.Equal(ErrorMessages.UploadHeldQuota(1024 * KiB), body.GetProperty("message").GetString());
        // Not an image: refused for its format after its bytes were reserved, and the reservation is released.
        var junk = new byte[150 * KiB];
        Assert.Equal(ErrorCodes.FileFormat, (await UploadAsync(HeldKey, junk)).Body.GetProperty("code").GetString());
        Assert.Equal(200, (await UploadAsync(HeldKey, Png(200 * KiB))).Status);
        Assert.Equal(429, (await UploadAsync(HeldKey, Png(40 * KiB))).Status);
    }

    [Fact]
    public async Task Parallel_uploads_never_pass_the_bytes_held_together()
    {
        var file = Png(300 * KiB);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => UploadAsync(ParallelKey, file)));

        // 3 × 300 KiB fit in 1024 KiB, a fourth does not, however the ten interleave.
        Assert.Equal(3, answers.Count(a => a.Status == 200));
        Assert.All(answers.Where(a => a.Status != 200), a =>
        {
            Assert.Equal(429, a.Status);
            Assert.Equal(ErrorCodes.StorageQuota, a.Body.GetProperty("code").GetString());
        });
        var stored = Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "uploads"), "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length == file.Length).Count();
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task A_managed_key_s_daily_upload_allowance_overrides_the_server_default()
    {
        var store = ApiKeyStoreFactory.Create(Path.Combine(_server.DataDirectory, "tasks.db"), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        var key = (await store.CreateAsync("daily-uploader", new ApiKeyLimits(UploadDailyMb: 1, UploadHeldMb: 50), "test", CancellationToken.None)).Key;

        Assert.Equal(200, (await UploadAsync(key, Png(450 * KiB))).Status);
        Assert.Equal(200, (await UploadAsync(key, Png(450 * KiB))).Status);
        var (status, body) = await UploadAsync(key, Png(450 * KiB));

        Assert.Equal(429, status);
        Assert.Equal(ErrorMessages.UploadDailyQuota(1024 * KiB), body.GetProperty("message").GetString());
        await store.DisposeAsync();
    }

    /// <summary>A real PNG padded to <paramref name="size"/> bytes (bytes after IEND are ignored by decoders).</summary>
    private byte[] Png(long size)
    {
        var path = TestMedia.LogoPng(_files.File($"{Guid.NewGuid():N}.png"), 64, 64, SKColors.Red);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length < size);
        Array.Resize(ref bytes, (int)size);
        return bytes;
    }

    private async Task<(int Status, JsonElement Body)> UploadAsync(string key, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "look.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, "api/v1/uploads")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return ((int)response.StatusCode, json.RootElement.Clone());
    }
}
