using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Recut.Media.Fetching;
using Recut.TestSupport;

namespace Recut.Media.Tests.Fetching;

/// <summary>Every request here goes to 127.0.0.1; refused cases prove nothing was sent at all.</summary>
public sealed class HttpMediaFetcherTests : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("fetch");
    private readonly byte[] _payload = Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray();
    private StaticFileServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "www"));
        await File.WriteAllBytesAsync(Path.Combine(_dir.Path, "www", "clip.mp4"), _payload);
        _server = await StaticFileServer.StartAsync(Path.Combine(_dir.Path, "www"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    private static HttpMediaFetcher Fetcher(FetchOptions? options = null, IHostResolver? resolver = null) =>
        new(options ?? new FetchOptions { AllowPrivateAddresses = true }, resolver);

    private string Dest => _dir.File("out/input.mp4");

    [Fact]
    public async Task Downloads_a_file_to_the_destination()
    {
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(_server.Url("clip.mp4"), MediaKind.Video, Dest, CancellationToken.None);

        Assert.Equal(_payload, await File.ReadAllBytesAsync(Dest));
        Assert.Equal(5000, result.Bytes);
        Assert.Equal(Dest, result.Path);
        Assert.Equal("video/mp4", result.ContentType);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(Dest)!)); // no .part left behind
    }

    [Fact]
    public async Task Http_404_is_data_inspection_with_the_status()
    {
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<MediaException>(() =>
            fetcher.FetchAsync(_server.Url("missing.mp4?token=secret"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidParameter.DataInspection", e.Code);
        Assert.Contains("HTTP 404", e.Message);
        Assert.DoesNotContain("secret", e.Message); // queries may carry credentials
        Assert.False(File.Exists(Dest));
    }

    [Fact]
    public async Task Http_500_is_data_inspection()
    {
        _server.MapRaw("/boom", ctx => { ctx.Response.StatusCode = 503; return Task.CompletedTask; });
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("boom"), MediaKind.Video, Dest, CancellationToken.None));
        Assert.Equal("InvalidParameter.DataInspection", e.Code);
        Assert.Contains("HTTP 503", e.Message);
    }

    [Fact]
    public async Task Content_length_over_the_cap_is_refused_before_reading()
    {
        using var fetcher = Fetcher(new FetchOptions { AllowPrivateAddresses = true, MaxImageBytes = 4999 });
        var e = await Assert.ThrowsAsync<MediaException>(() =>
            fetcher.FetchAsync(_server.Url("clip.mp4"), MediaKind.ReferenceImage, Dest, CancellationToken.None));

        Assert.Equal("InvalidFile.Size", e.Code);
        Assert.Contains("5000 bytes", e.Message);
        Assert.Contains("Content-Length", e.Message);
        Assert.Contains("4999 bytes", e.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(Dest)) && Directory.GetFiles(Path.GetDirectoryName(Dest)!).Length > 0);
    }

    [Fact]
    public async Task A_stream_without_length_is_cut_at_the_cap()
    {
        _server.MapRaw("/chunked", async ctx =>
        {
            for (var i = 0; i < 50; i++)
            {
                await ctx.Response.Body.WriteAsync(new byte[1000], ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        });
        using var fetcher = Fetcher(new FetchOptions { AllowPrivateAddresses = true, MaxVideoBytes = 10_000 });

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("chunked"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidFile.Size", e.Code);
        Assert.Contains("stopped after", e.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Dest)!)); // the partial file is gone
    }

    [Fact]
    public async Task Follows_three_redirects_including_relative_ones()
    {
        Redirect("/r1", "/r2");
        Redirect("/r2", _server.Url("r3").ToString());
        Redirect("/r3", "clip.mp4");
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(_server.Url("r1"), MediaKind.Video, Dest, CancellationToken.None);

        Assert.Equal(5000, result.Bytes);
    }

    [Fact]
    public async Task A_fourth_redirect_is_refused()
    {
        Redirect("/a", "/b");
        Redirect("/b", "/c");
        Redirect("/c", "/d");
        Redirect("/d", "/clip.mp4");
        using var fetcher = Fetcher();

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("a"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidParameter.DataInspection", e.Code);
        Assert.Contains("more than 3 redirects", e.Message);
        Assert.Equal(4, _server.RequestCount); // /a /b /c /d, never the file
    }

    [Fact]
    public async Task A_redirect_to_the_metadata_service_is_refused_without_connecting()
    {
        Redirect("/meta", "http://169.254.169.254/latest/meta-data/");
        using var fetcher = Fetcher(); // even with private addresses allowed

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("meta"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL", e.Code);
        Assert.Contains("metadata", e.Message);
    }

    [Fact]
    public async Task A_redirect_to_a_file_url_is_refused()
    {
        Redirect("/file", "file:///etc/passwd");
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("file"), MediaKind.Video, Dest, CancellationToken.None));
        Assert.Equal("InvalidURL", e.Code);
        Assert.False(File.Exists(Dest));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        _server.MapRaw("/slow", ctx => Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        using var fetcher = Fetcher(new FetchOptions { AllowPrivateAddresses = true, TotalTimeout = TimeSpan.FromMilliseconds(800) });

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("slow"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL.Timeout", e.Code);
        Assert.Contains("0.8 s", e.Message);
    }

    [Fact]
    public async Task A_body_that_trickles_times_out_and_leaves_no_file()
    {
        _server.MapRaw("/trickle", async ctx =>
        {
            ctx.Response.ContentLength = 100_000;
            for (var i = 0; i < 100; i++)
            {
                await ctx.Response.Body.WriteAsync(new byte[10], ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(200, ctx.RequestAborted);
            }
        });
        using var fetcher = Fetcher(new FetchOptions { AllowPrivateAddresses = true, TotalTimeout = TimeSpan.FromSeconds(1) });

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("trickle"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL.Timeout", e.Code);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Dest)!));
    }

    [Fact]
    public async Task A_closed_port_is_connection_refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = Fetcher();

        var e = await Assert.ThrowsAsync<MediaException>(() =>
            fetcher.FetchAsync(new Uri($"http://127.0.0.1:{port}/clip.mp4"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL.ConnectionRefused", e.Code);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        _server.MapRaw("/hang", ctx => Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        using var fetcher = Fetcher();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(_server.Url("hang"), MediaKind.Video, Dest, cts.Token));
    }

    [Fact]
    public async Task With_an_allow_list_only_listed_hosts_are_fetched_from()
    {
        using var allowed = Fetcher(new FetchOptions { AllowPrivateAddresses = true, AllowedHosts = new HostAllowList(["127.0.0.1"]) });
        using var other = Fetcher(new FetchOptions { AllowPrivateAddresses = true, AllowedHosts = new HostAllowList(["*.aliyuncs.com"]) });

        Assert.Equal(5000, (await allowed.FetchAsync(_server.Url("clip.mp4"), MediaKind.Video, Dest, CancellationToken.None)).Bytes);
        var e = await Assert.ThrowsAsync<MediaException>(() => other.FetchAsync(_server.Url("clip.mp4"), MediaKind.Video, _dir.File("out/b.mp4"), CancellationToken.None));

        Assert.Equal("InvalidURL", e.Code);
        Assert.Contains("'127.0.0.1'", e.Message);
        Assert.Contains("*.aliyuncs.com", e.Message);
        Assert.False(File.Exists(_dir.File("out/b.mp4")));
    }

    [Fact]
    public async Task A_redirect_off_the_allow_list_is_refused_even_to_a_loopback_host()
    {
        Redirect("/elsewhere", $"http://localhost:{_server.Url("x").Port}/clip.mp4");
        using var fetcher = Fetcher(new FetchOptions { AllowPrivateAddresses = true, AllowedHosts = new HostAllowList(["127.0.0.1"]) });

        var e = await Assert.ThrowsAsync<MediaException>(() => fetcher.FetchAsync(_server.Url("elsewhere"), MediaKind.Video, Dest, CancellationToken.None));

        Assert.Equal("InvalidURL", e.Code);
        Assert.Contains("'localhost'", e.Message);
    }

    [Theory]
    [InlineData("*.aliyuncs.com", "https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/x.mp4", true)]
    [InlineData("*.aliyuncs.com", "https://aliyuncs.com/x.mp4", false)]             // the wildcard is for hosts below it
    [InlineData("*.aliyuncs.com", "https://evilaliyuncs.com/x.mp4", false)]
    [InlineData("*.aliyuncs.com", "https://oss.aliyuncs.com.evil.net/x.mp4", false)]
    [InlineData("cdn.example.com", "https://CDN.Example.COM./x.mp4", true)]
    [InlineData("cdn.example.com", "https://a.cdn.example.com/x.mp4", false)]
    [InlineData("::1", "http://[::1]:8080/x.mp4", true)]
    public void Host_patterns_match_exact_hosts_and_subdomains(string pattern, string url, bool allowed) =>
        Assert.Equal(allowed, new HostAllowList([pattern]).Allows(new Uri(url)));

    private void Redirect(string from, string to) => _server.MapRaw(from, ctx =>
    {
        ctx.Response.StatusCode = StatusCodes.Status302Found;
        ctx.Response.Headers.Location = to;
        return Task.CompletedTask;
    });
}
