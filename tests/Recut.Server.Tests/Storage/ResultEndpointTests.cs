using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Recut.Media.Signing;
using Recut.Media.Storage;
using Recut.Media.Storage.S3;
using Recut.Server.Configuration;
using Recut.Server.Tests.Limits;
using Recut.TestSupport;

namespace Recut.Server.Tests.Storage;

/// <summary>
/// GET /results/… over real HTTP on each result store (below): the whole file, one range (206), a range past the end
/// (416), HEAD, a missing result (404 JSON). The folder and the bucket must answer alike.
/// </summary>
public abstract class ResultEndpointTests : IAsyncLifetime
{
    private const string Secret = "result-endpoint-tests-secret-0123456789";
    private readonly ResultUrlSigner _signer = new(Encoding.UTF8.GetBytes(Secret));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly byte[] _bytes = Bytes(50_000);
    private InProcessServer _server = null!;
    private string _key = "";

    protected TempDir Files { get; } = new("recut-result-endpoint-");

    /// <summary>Points the server at the store under test.</summary>
    protected abstract void Configure(RecutOptions options);

    /// <summary>The same store as the server's, for the test to write into.</summary>
    protected abstract IResultStore Store(InProcessServer server);

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync(o =>
        {
            o.ApiKeys = "k";
            o.SigningSecret = Secret;
            Configure(o);
        });
        var file = Files.File("result.mp4");
        await File.WriteAllBytesAsync(file, _bytes);
        _key = await Store(_server).PutAsync(Guid.NewGuid(), file, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        Files.Dispose();
    }

    [Fact]
    public async Task The_whole_result_comes_with_its_length_type_and_validators()
    {
        using var response = await _http.GetAsync(Url(_key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal(_key.Split('/')[^1], response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(_bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(100L, 199L, 100, 199)]
    [InlineData(49_000L, null, 49_000, 49_999)]
    [InlineData(null, 500L, 49_500, 49_999)]
    public async Task One_range_is_206_with_exactly_those_bytes(long? from, long? to, int start, int end)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(_key));
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {start}-{end}/{_bytes.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(_bytes[start..(end + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_naming_the_length()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(_key));
        request.Headers.Range = new RangeHeaderValue(_bytes.Length, null);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{_bytes.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_answers_the_headers_without_the_bytes()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(_key)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_bytes.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_result_that_is_gone_is_404_JSON()
    {
        await Store(_server).DeleteAsync(_key, CancellationToken.None);
        using var response = await _http.GetAsync(Url(_key));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NotFound", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_forged_signature_is_refused_before_the_store_is_asked()
    {
        var url = Url(_key).Replace("Signature=", "Signature=x", StringComparison.Ordinal);
        using var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private string Url(string key)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(24);
        return $"{_server.BaseUrl}results/{key}?Expires={expires.ToUnixTimeSeconds()}&Signature={Uri.EscapeDataString(_signer.Sign(key, expires))}";
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(16).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>The embedded default: results under the data folder.</summary>
public sealed class ResultEndpointTestsOnFolder : ResultEndpointTests
{
    protected override void Configure(RecutOptions options)
    {
    }

    protected override IResultStore Store(InProcessServer server) => new LocalResultStore(Path.Combine(server.DataDirectory, "results"));
}

/// <summary>The bucket (s3rver), streamed through the server.</summary>
[Trait("Category", TestS3.Category)]
public sealed class ResultEndpointTestsOnS3 : ResultEndpointTests
{
    private readonly S3StorageOptions _s3 = TestS3.Require("endpoint");

    protected override void Configure(RecutOptions options) => options.S3 = _s3;

    protected override IResultStore Store(InProcessServer server) => new S3ResultStore(new S3Bucket(_s3));
}
