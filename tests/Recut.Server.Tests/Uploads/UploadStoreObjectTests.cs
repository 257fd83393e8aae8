using Microsoft.Extensions.Time.Testing;
using Recut.Media;
using Recut.Media.Storage.S3;
using Recut.Server.Uploads;
using Recut.Server.Uploads.Backends;
using Recut.TestSupport;

namespace Recut.Server.Tests.Uploads;

/// <summary>
/// Objects stored under a client-chosen key (the form upload): the oss:// URL the client builds from its own key
/// resolves, whatever the file name, for the uploading tenant only; a failure removes only its own bytes. Run on each
/// backend (below): the folder and the S3 bucket must isolate tenants exactly alike.
/// </summary>
public abstract class UploadStoreObjectTests : IDisposable
{
    private const string TenantA = "t_aaaaaaaaaaaaaaaaaaaaaaaa";
    private const string TenantB = "t_bbbbbbbbbbbbbbbbbbbbbbbb";
    private const string Folder = "0123456789abcdef0123456789abcdef";
    private static readonly byte[] PngHead = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 3, 0, 0, 0, TimeSpan.Zero));
    private IUploadBackend? _backend;

    protected TempDir Dir { get; } = new("recut-objects-");

    /// <summary>The backend under test, made once per test.</summary>
    protected abstract IUploadBackend CreateBackend();

    private IUploadBackend Backend => _backend ??= CreateBackend();

    private UploadStore Store() => new(Backend, TimeSpan.FromHours(24), _time);

    private async Task<List<UploadObject>> StoredAsync(string prefix = "")
    {
        var all = new List<UploadObject>();
        await foreach (var item in Backend.ListAsync(prefix, CancellationToken.None))
        {
            all.Add(item);
        }
        return all;
    }

    [Theory]
    [InlineData("look.png")]
    [InlineData("My Look (1).PNG")]
    [InlineData("海边 视频.png")]
    [InlineData("clip.png.part")]
    [InlineData("_0123.obj")]
    public async Task The_url_built_from_the_key_resolves_for_the_same_tenant_only(string name)
    {
        var store = Store();
        await store.SaveObjectAsync(TenantA, Folder, name, Png(500), CancellationToken.None);
        // Exactly what a client writes: "oss://" + key, unescaped, as the Python SDK builds it.
        var url = new Uri($"oss://{UploadStore.Bucket}/{Folder}/{name}");

        var found = await store.ResolveAsync(url, TenantA, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(500, found.Size);
        var copy = Dir.File("copy.png");
        Assert.True(await store.CopyToAsync(found, copy, CancellationToken.None));
        Assert.Equal(500, new FileInfo(copy).Length);
        Assert.Null(await store.ResolveAsync(url, TenantB, CancellationToken.None));
        Assert.Null(await store.ResolveAsync(new Uri($"oss://{UploadStore.Bucket}/{Folder}/other.png"), TenantA, CancellationToken.None));
        // Counted in the tenant's quota usage (a hashed disk name must not look like a half-written .part file).
        Assert.Equal(500, (await store.UsageOfAsync(TenantA, CancellationToken.None)).HeldBytes);
        Assert.Equal(0, (await store.UsageOfAsync(TenantB, CancellationToken.None)).HeldBytes);
    }

    [Fact]
    public async Task An_existing_key_is_never_replaced_and_a_refused_file_leaves_its_neighbours()
    {
        var store = Store();
        await store.SaveObjectAsync(TenantA, Folder, "a.png", Png(300), CancellationToken.None);

        await Assert.ThrowsAsync<UploadExistsException>(() => store.SaveObjectAsync(TenantA, Folder, "a.png", Png(900), CancellationToken.None));
        var junk = await Assert.ThrowsAsync<MediaException>(() =>
            store.SaveObjectAsync(TenantA, Folder, "b.png", new MemoryStream(new byte[2000]), CancellationToken.None));

        Assert.Equal(MediaErrorCodes.FileFormat, junk.Code);
        var kept = await store.ResolveAsync(new Uri($"oss://{UploadStore.Bucket}/{Folder}/a.png"), TenantA, CancellationToken.None);
        Assert.Equal(300, kept?.Size);
        Assert.Equal(kept, Assert.Single(await StoredAsync()));
        Assert.Empty(Directory.Exists(Backend.StagingDirectory) ? Directory.GetFiles(Backend.StagingDirectory) : []);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b.png")]
    [InlineData("a\\b.png")]
    [InlineData("a?.png")]
    [InlineData("a#.png")]
    [InlineData("a%20.png")]
    [InlineData(" a.png")]
    [InlineData("a\n.png")]
    public void Names_that_cannot_survive_an_oss_url_or_a_path_are_not_object_names(string name)
    {
        Assert.False(UploadStore.IsObjectName(name));
    }

    [Fact]
    public async Task A_folder_id_that_is_not_ours_is_refused_before_any_write()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store().SaveObjectAsync(TenantA, "../../etc", "a.png", Png(100), CancellationToken.None));
        Assert.Empty(await StoredAsync());
    }

    public void Dispose()
    {
        (_backend as IDisposable)?.Dispose();
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private static MemoryStream Png(int size)
    {
        var bytes = new byte[size];
        PngHead.CopyTo(bytes, 0);
        return new MemoryStream(bytes);
    }
}

/// <summary>The embedded default: files under the data folder.</summary>
public sealed class UploadStoreObjectTestsOnFolder : UploadStoreObjectTests
{
    protected override IUploadBackend CreateBackend() => new FolderUploadBackend(Dir.File("uploads"));
}

/// <summary>The bucket (s3rver, scripts/start-s3.sh), in a prefix of this test's own.</summary>
[Trait("Category", TestS3.Category)]
public sealed class UploadStoreObjectTestsOnS3 : UploadStoreObjectTests
{
    protected override IUploadBackend CreateBackend() => new S3UploadBackend(new S3Bucket(TestS3.Require("objects")), Dir.File("staging"));
}
