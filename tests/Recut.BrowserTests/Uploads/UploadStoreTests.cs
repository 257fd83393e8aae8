using System.Text;
using Microsoft.Extensions.Time.Testing;
using Recut.Media;
using Recut.Media.Rules;
using Recut.Media.Storage.S3;
using Recut.Server.Uploads;
using Recut.Server.Uploads.Backends;
using Recut.TestSupport;

namespace Recut.BrowserTests.Uploads;

/// <summary>UploadStore on its own: sniffing, limits, tenant isolation, expiry — on each backend (below), alike.</summary>
public abstract class UploadStoreTests : IDisposable
{
    private const string TenantA = "t_aaaaaaaaaaaaaaaaaaaaaaaa";
    private const string TenantB = "t_bbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly byte[] PngHead = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero));
    private IUploadBackend? _backend;

    protected TempDir Dir { get; } = new("recut-uploads-");

    /// <summary>The backend under test, made once per test (every store of the test shares it).</summary>
    protected abstract IUploadBackend CreateBackend();

    private IUploadBackend Backend => _backend ??= CreateBackend();

    private UploadStore Store(MediaLimits? limits = null) => new(Backend, TimeSpan.FromHours(24), _time, limits);

    private async Task<List<UploadObject>> StoredAsync(string prefix = "")
    {
        var all = new List<UploadObject>();
        await foreach (var item in Backend.ListAsync(prefix, CancellationToken.None))
        {
            all.Add(item);
        }
        return all;
    }

    private Task<UploadObject?> ResolveAsync(UploadStore store, Uri url, string tenant) => store.ResolveAsync(url, tenant, CancellationToken.None);

    [Fact]
    public async Task A_png_is_stored_and_resolves_for_its_own_tenant_only()
    {
        var store = Store();
        var upload = await store.SaveAsync(TenantA, "My Look (1).PNG", Bytes(PngHead, 1000), CancellationToken.None);

        Assert.Equal("oss", upload.Url.Scheme);
        Assert.Equal(UploadStore.Bucket, upload.Url.Host);
        Assert.Matches("^oss://recut-uploads/[0-9a-f]{32}/My_Look__1\\.png$", upload.Url.OriginalString);
        Assert.Equal(MediaKind.ReferenceImage, upload.Kind);
        Assert.Equal(MediaFormats.Png, upload.Format);
        Assert.Equal(1000, upload.Size);
        Assert.Equal(_time.GetUtcNow().AddHours(24), upload.ExpiresAt);

        var found = await ResolveAsync(store, upload.Url, TenantA);
        Assert.NotNull(found);
        Assert.Equal(1000, found.Size);
        Assert.StartsWith(TenantA + "/", found.Path, StringComparison.Ordinal);
        var copy = Dir.File("copy.png");
        Assert.True(await store.CopyToAsync(found, copy, CancellationToken.None));
        Assert.Equal(1000, new FileInfo(copy).Length);

        Assert.Null(await ResolveAsync(store, upload.Url, TenantB));
        Assert.Empty(await StoredAsync(TenantB + "/"));
    }

    [Fact]
    public async Task Unknown_malformed_and_foreign_bucket_urls_do_not_resolve()
    {
        var store = Store();
        var upload = await store.SaveAsync(TenantA, "look.png", Bytes(PngHead, 100), CancellationToken.None);
        var id = upload.Url.Segments[1].TrimEnd('/');
        string[] urls =
        [
            $"oss://recut-uploads/{new string('0', 32)}/look.png",
            $"oss://other-bucket/{id}/look.png",
            $"oss://recut-uploads/{id}/other.png",
            $"oss://recut-uploads/{id}%2Flook.png",
            $"oss://recut-uploads/x/{id}/look.png",
            $"oss://recut-uploads/{id}/%2e%2e%2flook.png",
            $"oss://recut-uploads/{id.ToUpperInvariant()}/look.png",
            $"oss://recut-uploads/{id}",
            $"https://recut-uploads/{id}/look.png",
        ];
        foreach (var url in urls)
        {
            Assert.True(await ResolveAsync(store, new Uri(url), TenantA) is null, url);
        }
        Assert.NotNull(await ResolveAsync(store, upload.Url, TenantA));
    }

    [Fact]
    public async Task An_html_page_is_refused_as_InvalidFile_Format_and_leaves_nothing()
    {
        var store = Store();
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Not found</body></html>");
        var e = await Assert.ThrowsAsync<MediaException>(() =>
            store.SaveAsync(TenantA, "video.mp4", new MemoryStream(html), CancellationToken.None));
        Assert.Equal(MediaErrorCodes.FileFormat, e.Code);
        Assert.Contains("HTML page", e.Message, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync());
        Assert.Empty(Directory.Exists(Backend.StagingDirectory) ? Directory.GetFiles(Backend.StagingDirectory) : []);
    }

    [Fact]
    public async Task An_image_over_the_limit_is_refused_as_InvalidFile_Size_and_leaves_nothing()
    {
        var store = Store(MediaLimits.Default with { ImageMaxBytes = 64 * 1024 });
        var e = await Assert.ThrowsAsync<MediaException>(() =>
            store.SaveAsync(TenantA, "big.png", Bytes(PngHead, 64 * 1024 + 1), CancellationToken.None));
        Assert.Equal(MediaErrorCodes.FileSize, e.Code);
        Assert.Contains("image", e.Message, StringComparison.Ordinal);
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(TenantA + "/"));

        // Exactly at the limit is fine.
        var ok = await store.SaveAsync(TenantA, "edge.png", Bytes(PngHead, 64 * 1024), CancellationToken.None);
        Assert.Equal(64 * 1024, ok.Size);
    }

    [Fact]
    public async Task A_video_may_be_larger_than_an_image_limit()
    {
        var store = Store(MediaLimits.Default with { ImageMaxBytes = 1024, VideoMaxBytes = 8192 });
        var clip = await TestMedia.VideoAsync(Dir.File("clip.mp4"), 320, 240, 2);
        var size = new FileInfo(clip).Length;
        Assert.True(size > 1024);
        var limits = MediaLimits.Default with { ImageMaxBytes = 1024, VideoMaxBytes = size };
        await using var file = File.OpenRead(clip);
        var upload = await Store(limits).SaveAsync(TenantA, "clip.mp4", file, CancellationToken.None);
        Assert.Equal(MediaKind.Video, upload.Kind);
        Assert.Equal(size, upload.Size);

        await using var again = File.OpenRead(clip);
        var e = await Assert.ThrowsAsync<MediaException>(() => store.SaveAsync(TenantA, "clip.mp4", again, CancellationToken.None));
        Assert.Equal(MediaErrorCodes.FileSize, e.Code);
        Assert.Contains("video", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_uploads_stop_resolving_and_are_swept()
    {
        var store = Store();
        var old = await store.SaveAsync(TenantA, "old.png", Bytes(PngHead, 100), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(23));
        var fresh = await store.SaveAsync(TenantA, "fresh.png", Bytes(PngHead, 100), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Null(await ResolveAsync(store, old.Url, TenantA));
        Assert.NotNull(await ResolveAsync(store, fresh.Url, TenantA));
        Assert.Equal(1, await store.DeleteExpiredAsync(CancellationToken.None));
        Assert.Equal(fresh.Url.Segments[1].TrimEnd('/'), Assert.Single(await StoredAsync(TenantA + "/")).Folder.Split('/')[1]);
        Assert.NotNull(await ResolveAsync(store, fresh.Url, TenantA));
    }

    [Theory]
    [InlineData("clip.mp4", "mp4", "clip.mp4")]
    [InlineData("../../etc/passwd", "png", "passwd.png")]
    [InlineData("视频.mov", "mov", "upload.mov")]
    [InlineData(null, "jpeg", "upload.jpg")]
    [InlineData("-x-.PNG", "png", "x.png")]
    [InlineData("a.html", "webp", "a.webp")]
    public void Stored_names_are_safe_and_carry_the_sniffed_extension(string? given, string format, string expected) =>
        Assert.Equal(expected, UploadStore.SafeName(given, format));

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private static MemoryStream Bytes(byte[] head, int length)
    {
        var bytes = new byte[length];
        head.CopyTo(bytes, 0);
        return new MemoryStream(bytes);
    }
}

/// <summary>The embedded default: files under the data folder.</summary>
public sealed class UploadStoreTestsOnFolder : UploadStoreTests
{
    protected override IUploadBackend CreateBackend() => new FolderUploadBackend(Dir.File("uploads"));
}

/// <summary>The bucket (s3rver, scripts/start-s3.sh), in a prefix of this test's own.</summary>
[Trait("Category", TestS3.Category)]
public sealed class UploadStoreTestsOnS3 : UploadStoreTests
{
    protected override IUploadBackend CreateBackend() => new S3UploadBackend(new S3Bucket(TestS3.Require("uploads")), Dir.File("staging"));
}
