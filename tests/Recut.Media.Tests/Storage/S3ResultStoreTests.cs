using System.Net;
using Recut.Media.Storage;
using Recut.Media.Storage.S3;
using Recut.TestSupport;

namespace Recut.Media.Tests.Storage;

/// <summary>The S3 result store against a real S3-speaking server (s3rver, scripts/start-s3.sh), each test in a prefix of its own.</summary>
[Trait("Category", TestS3.Category)]
public sealed class S3ResultStoreTests : IDisposable
{
    private readonly TempDir _dir = new("recut-s3-results-");
    private readonly S3StorageOptions _options = TestS3.Require("results");
    private readonly S3Bucket _bucket;
    private readonly S3ResultStore _store;

    public S3ResultStoreTests()
    {
        _bucket = new S3Bucket(_options);
        _store = new S3ResultStore(_bucket);
    }

    [Fact]
    public async Task A_put_result_opens_whole_with_its_length_and_validators()
    {
        var bytes = Pattern(100_000);
        var key = await _store.PutAsync(Guid.NewGuid(), File(bytes), CancellationToken.None);

        await using var content = await _store.OpenAsync(key, null, CancellationToken.None);
        Assert.NotNull(content);
        Assert.Null(content.Range);
        Assert.Equal(bytes.Length, content.TotalLength);
        Assert.Equal("video/mp4", content.ContentType);
        Assert.False(string.IsNullOrEmpty(content.ETag));
        Assert.True(content.LastModified > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(bytes, await ReadAllAsync(content.Body));
    }

    [Fact]
    public async Task The_bucket_check_and_listing_hold_with_more_objects_than_one_page()
    {
        // The check lists one key under the prefix: with two results there, the listing is truncated and carries a
        // continuation token (s3rver's DES token answered 500 under OpenSSL 3 until start-s3.sh patched it).
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in ids)
        {
            await _store.PutAsync(id, File(Pattern(1_000)), CancellationToken.None);
        }

        await _bucket.CheckAsync(CancellationToken.None);
        var listed = new List<string>();
        await foreach (var item in _bucket.ListAsync("results/", CancellationToken.None))
        {
            listed.Add(item.Name);
        }
        Assert.Equal(ids.Select(id => $"results/{id:D}.mp4").Order(), listed.Order());
    }

    [Theory]
    [InlineData(0L, 99L, 0L, 99L)]
    [InlineData(99_990L, null, 99_990L, 99_999L)]
    [InlineData(null, 10L, 99_990L, 99_999L)]
    [InlineData(500L, 10_000_000L, 500L, 99_999L)]
    public async Task A_range_yields_exactly_that_part(long? from, long? to, long start, long end)
    {
        var bytes = Pattern(100_000);
        var key = await _store.PutAsync(Guid.NewGuid(), File(bytes), CancellationToken.None);

        await using var content = await _store.OpenAsync(key, new ByteRangeRequest(from, to), CancellationToken.None);
        Assert.NotNull(content);
        Assert.Equal(new ByteSpan(start, end), content.Range);
        Assert.Equal(bytes.Length, content.TotalLength);
        Assert.Equal(bytes[(int)start..((int)end + 1)], await ReadAllAsync(content.Body));
    }

    [Fact]
    public async Task A_range_past_the_end_is_not_satisfiable_and_names_the_length()
    {
        var key = await _store.PutAsync(Guid.NewGuid(), File(Pattern(1000)), CancellationToken.None);

        await using var content = await _store.OpenAsync(key, new ByteRangeRequest(1000, null), CancellationToken.None);
        Assert.NotNull(content);
        Assert.True(content.RangeNotSatisfiable);
        Assert.Equal(1000, content.TotalLength);
        Assert.Equal(0, content.BodyLength);
    }

    [Fact]
    public async Task A_second_put_of_the_same_task_keeps_the_first_result_and_drops_its_file()
    {
        var task = Guid.NewGuid();
        var first = Pattern(2000, seed: 1);
        var second = Pattern(3000, seed: 2);
        var key = await _store.PutAsync(task, File(first), CancellationToken.None);
        var retry = File(second);
        var again = await _store.PutAsync(task, retry, CancellationToken.None);

        Assert.Equal(key, again);
        Assert.False(System.IO.File.Exists(retry));
        await using var content = await _store.OpenAsync(key, null, CancellationToken.None);
        Assert.Equal(first, await ReadAllAsync(content!.Body));
    }

    [Fact]
    public async Task A_deleted_or_never_stored_result_opens_as_null_and_deleting_twice_is_fine()
    {
        var key = await _store.PutAsync(Guid.NewGuid(), File(Pattern(10)), CancellationToken.None);
        await _store.DeleteAsync(key, CancellationToken.None);
        await _store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await _store.OpenAsync(key, null, CancellationToken.None));
        Assert.Null(await _store.OpenAsync(key, new ByteRangeRequest(0, 5), CancellationToken.None));
        Assert.Null(await _store.OpenAsync($"{Guid.NewGuid():D}.mp4", null, CancellationToken.None));
        Assert.Null(await _store.OpenAsync("../etc/passwd", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_above_the_multipart_threshold_goes_up_in_parts_and_reads_back_whole()
    {
        _options.MultipartThresholdBytes = 5L * 1024 * 1024;
        using var bucket = new S3Bucket(_options);
        var store = new S3ResultStore(bucket);
        var bytes = Pattern(11 * 1024 * 1024 + 123);
        var key = await store.PutAsync(Guid.NewGuid(), File(bytes), CancellationToken.None);

        await using var content = await store.OpenAsync(key, null, CancellationToken.None);
        Assert.Equal(bytes.Length, content!.TotalLength);
        Assert.Equal(bytes, await ReadAllAsync(content.Body));
    }

    [Fact]
    public async Task The_presigned_url_expires_exactly_when_asked_and_serves_the_bytes_until_then()
    {
        var bytes = Pattern(5000);
        var key = await _store.PutAsync(Guid.NewGuid(), File(bytes), CancellationToken.None);
        // Whole seconds: the signed Recut URL's expiry is a Unix second, and SigV4 carries seconds too.
        var expires = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeSeconds());

        var url = await _store.DirectDownloadUrlAsync(key, expires, CancellationToken.None);
        Assert.NotNull(url);
        // The SDK counts the lifetime from the second it signs in: date + lifetime is the expiry, to the second.
        Assert.InRange((TestS3.PresignedExpiryOf(url) - expires).TotalSeconds, -1, 1);

        using var http = new HttpClient();
        Assert.Equal(bytes, await http.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task A_presigned_url_past_its_expiry_is_refused()
    {
        var key = await _store.PutAsync(Guid.NewGuid(), File(Pattern(100)), CancellationToken.None);
        // Short, and waited out with margin on both sides: SigV4 dates are whole seconds (the URL may die up to a second
        // early), and a loaded machine may take a while between signing and asking.
        var url = await _store.DirectDownloadUrlAsync(key, DateTimeOffset.UtcNow.AddSeconds(3), CancellationToken.None);
        using var http = new HttpClient();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(6);
        await Task.Delay(deadline - DateTimeOffset.UtcNow);

        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_reachable_bucket_passes_the_check()
    {
        await _bucket.CheckAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_missing_bucket_fails_the_check_saying_so()
    {
        var options = TestS3.Require("missing");
        options.Bucket = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8];
        using var bucket = new S3Bucket(options);
        var e = await Assert.ThrowsAsync<ObjectStorageUnavailableException>(() => bucket.CheckAsync(CancellationToken.None));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains(options.Bucket, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOT-A-KEY", null, "InvalidAccessKeyId")]
    [InlineData(null, "wrong-secret", "SignatureDoesNotMatch")]
    public async Task Credentials_the_server_refuses_fail_the_check_naming_the_settings(string? accessKey, string? secretKey, string code)
    {
        var options = TestS3.Require("badkey");
        options.AccessKey = accessKey ?? options.AccessKey;
        options.SecretKey = secretKey ?? options.SecretKey;
        using var bucket = new S3Bucket(options);
        var e = await Assert.ThrowsAsync<ObjectStorageUnavailableException>(() => bucket.CheckAsync(CancellationToken.None));
        Assert.Contains(code, e.Message, StringComparison.Ordinal);
        Assert.Contains("RECUT_S3_ACCESS_KEY", e.Message, StringComparison.Ordinal);
        Assert.Equal("the bucket refused the credentials", e.Reason);
    }

    public void Dispose()
    {
        _bucket.Dispose();
        _dir.Dispose();
    }

    private string File(byte[] bytes)
    {
        var path = _dir.File($"{Guid.NewGuid():N}.mp4");
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Pattern(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
