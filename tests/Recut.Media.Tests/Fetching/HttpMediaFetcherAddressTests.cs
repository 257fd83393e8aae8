using System.Globalization;
using System.Net;
using Recut.Media.Fetching;
using Recut.TestSupport;

namespace Recut.Media.Tests.Fetching;

/// <summary>
/// Which hosts the fetcher will talk to. Refusals must happen before a single byte is sent, which the
/// loopback server's request counter proves; names are answered by a test resolver, never by DNS.
/// </summary>
public sealed class HttpMediaFetcherAddressTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("fetch-addr");
    private StaticFileServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "www"));
        await File.WriteAllBytesAsync(Path.Combine(_dir.Path, "www", "clip.mp4"), new byte[5000]);
        _server = await StaticFileServer.StartAsync(Path.Combine(_dir.Path, "www"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    private static HttpMediaFetcher Fetcher(FetchOptions? options = null, IHostResolver? resolver = null) =>
        new(options ?? new FetchOptions { AllowPrivateAddresses = true }, resolver);

    private string Dest => _dir.File("out/input.mp4");

    [Theory]
    [InlineData("http://127.0.0.1:{port}/clip.mp4")]
    [InlineData("http://[::1]:{port}/clip.mp4")]
    [InlineData("http://localhost:{port}/clip.mp4")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/clip.mp4")]
    public async Task Loopback_is_refused_by_default_and_nothing_is_sent(string template)
    {
        using var fetcher = Fetcher(new FetchOptions());
        var url = new Uri(template.Replace("{port}", _server.BaseUri.Port.ToString(CultureInfo.InvariantCulture)));

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(url, MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL", e.Code);
        Assert.Contains("loopback", e.Message);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task A_name_resolving_to_a_private_address_is_refused_without_connecting()
    {
        var resolver = new MapResolver(IPAddress.Parse("10.0.0.1"));
        using var fetcher = Fetcher(new FetchOptions(), resolver);

        var e = await Assert.ThrowsAsync<MediaException>(() =>
            fetcher.FetchAsync(new Uri("http://media.example.test/clip.mp4"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL", e.Code);
        Assert.Contains("10.0.0.1", e.Message);
        Assert.Equal(["media.example.test"], resolver.Asked);
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_that_was_resolved_and_checked()
    {
        // The name exists only in the test resolver: reaching the server proves the socket used that answer.
        var resolver = new MapResolver(IPAddress.Loopback);
        using var fetcher = Fetcher(new FetchOptions { AllowPrivateAddresses = true }, resolver);
        var url = new Uri($"http://pinned.example.test:{_server.BaseUri.Port}/clip.mp4");

        var result = await fetcher.FetchAsync(url, MediaKind.Video, Dest, CancellationToken.None);

        Assert.Equal(5000, result.Bytes);
        Assert.Equal(["pinned.example.test"], resolver.Asked);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_data_inspection()
    {
        using var fetcher = Fetcher(new FetchOptions(), new MapResolver());
        var e = await Assert.ThrowsAsync<MediaException>(() =>
            fetcher.FetchAsync(new Uri("http://nowhere.example.test/clip.mp4"), MediaKind.Video, Dest, CancellationToken.None));
        Assert.Equal("InvalidParameter.DataInspection", e.Code);
        Assert.Contains("could not be resolved", e.Message);
    }

    [Theory]
    [InlineData("oss://bucket/key.mp4", "upload service")]
    [InlineData("ftp://example.com/a.mp4", "ftp")]
    [InlineData("file:///etc/passwd", "file")]
    public async Task Other_schemes_are_invalid_urls(string url, string mentioned)
    {
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(new Uri(url), MediaKind.Video, Dest, CancellationToken.None));
        Assert.Equal("InvalidURL", e.Code);
        Assert.Contains(mentioned, e.Message);
    }
}
