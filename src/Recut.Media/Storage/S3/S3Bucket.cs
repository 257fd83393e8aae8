using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace Recut.Media.Storage.S3;

/// <summary>
/// The few bucket operations Recut needs, on names below the configured prefix: write-once puts, ranged gets, heads,
/// listings, deletes and presigned GETs. It hides the SDK's shapes (nullable v4 properties, exceptions for a missing
/// object) from the stores built on it.
/// </summary>
public sealed class S3Bucket : IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3StorageOptions _options;
    private readonly string _prefix;
    private readonly bool _ownsClient;

    public S3Bucket(S3StorageOptions options, IAmazonS3? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            throw new ArgumentException("no bucket is configured", nameof(options));
        }
        _options = options;
        _prefix = options.NormalizedPrefix;
        _ownsClient = client is null;
        _client = client ?? S3ClientFactory.Create(options);
    }

    public string Name => _options.Bucket!;

    /// <summary>The object's full key: the prefix, then <paramref name="name"/>.</summary>
    public string KeyOf(string name) => _prefix + name;

    /// <summary>
    /// Proves the bucket is reachable with these credentials (a one-key listing below the prefix), or throws
    /// <see cref="ObjectStorageUnavailableException"/> with what to fix: no such bucket, credentials refused, no answer.
    /// </summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, Prefix = _prefix, MaxKeys = 1 }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            var (message, reason) = e.ErrorCode switch
            {
                "NoSuchBucket" => ($"the {_options.Describe()} does not exist (create it first)", "the bucket does not exist"),
                "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "InvalidToken" =>
                    ($"the {_options.Describe()} refused the credentials ({e.ErrorCode}): check RECUT_S3_ACCESS_KEY and RECUT_S3_SECRET_KEY",
                        "the bucket refused the credentials"),
                _ => ($"the {_options.Describe()} answered {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", $"the bucket answered {(int)e.StatusCode}"),
            };
            throw new ObjectStorageUnavailableException(message, e, reason, transient: (int)e.StatusCode >= 500);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or Amazon.Runtime.AmazonClientException
                                  && !ct.IsCancellationRequested)
        {
            throw new ObjectStorageUnavailableException($"the {_options.Describe()} cannot be reached: {e.Message}", e, "the bucket cannot be reached");
        }
    }

    /// <summary>The object's length, time and metadata, or null when there is none.</summary>
    public async Task<S3ObjectInfo?> HeadAsync(string name, CancellationToken ct)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Name, Key = KeyOf(name) }, ct).ConfigureAwait(false);
            return new S3ObjectInfo(name, head.ContentLength, Utc(head.LastModified), head.ETag, Metadata(head.Metadata));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Uploads <paramref name="localFile"/> as <paramref name="name"/> unless an object of that name exists; true when this
    /// call wrote it. The first write stands: a HEAD first (a retry need not upload again), then a conditional PUT
    /// (<c>If-None-Match: *</c>, which AWS, MinIO and R2 honour), so two writers racing past the HEAD still cannot replace
    /// each other. A server that refuses the condition as unsupported (501) gets a plain PUT: there the HEAD is the guard,
    /// and a writer racing past it replaces the object with its own whole copy.
    /// </summary>
    public async Task<bool> PutIfAbsentAsync(string name, string localFile, IReadOnlyDictionary<string, string>? metadata, string contentType,
        CancellationToken ct)
    {
        if (await HeadAsync(name, ct).ConfigureAwait(false) is not null)
        {
            return false;
        }
        try
        {
            await PutAsync(name, localFile, metadata, contentType, conditional: true, ct).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            // 412: another writer's object is there; 409 ConditionalRequestConflict: one is being written right now.
            return false;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotImplemented)
        {
            await PutAsync(name, localFile, metadata, contentType, conditional: false, ct).ConfigureAwait(false);
            return true;
        }
    }

    private async Task PutAsync(string name, string localFile, IReadOnlyDictionary<string, string>? metadata, string contentType,
        bool conditional, CancellationToken ct)
    {
        var length = new FileInfo(localFile).Length;
        if (length > _options.MultipartThresholdBytes)
        {
            // Parts go up side by side and a failed part is retried alone; the condition applies to the completion.
            using var transfer = new TransferUtility(_client, new TransferUtilityConfig { MinSizeBeforePartUpload = _options.MultipartThresholdBytes });
            var upload = new TransferUtilityUploadRequest
            {
                BucketName = Name, Key = KeyOf(name), FilePath = localFile, ContentType = contentType,
                PartSize = Math.Max(_options.MultipartThresholdBytes / 2, 5L * 1024 * 1024),
            };
            if (conditional)
            {
                upload.IfNoneMatch = "*";
            }
            AddMetadata(upload.Metadata, metadata);
            await transfer.UploadAsync(upload, ct).ConfigureAwait(false);
            return;
        }
        var put = new PutObjectRequest { BucketName = Name, Key = KeyOf(name), FilePath = localFile, ContentType = contentType };
        if (conditional)
        {
            put.IfNoneMatch = "*";
        }
        AddMetadata(put.Metadata, metadata);
        await _client.PutObjectAsync(put, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The object, or <paramref name="span"/> of it (already resolved against its length: see <see cref="S3ResultStore"/>),
    /// or null when there is none.
    /// </summary>
    public async Task<ResultContent?> GetAsync(string name, ByteSpan? span, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = Name, Key = KeyOf(name) };
        if (span is { } part)
        {
            request.ByteRange = new ByteRange(part.Start, part.End);
        }
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(request, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var modified = Utc(response.LastModified);
        if (span is { } asked)
        {
            // The total from Content-Range when the server sent one; a server that ignored the range sent the whole object.
            if (ContentRangeOf(response.ContentRange) is { } served)
            {
                return ResultContent.Partial(response.ResponseStream, served.Total, served.Span, modified, response.ETag);
            }
            response.Dispose();
            throw new ObjectStorageUnavailableException($"the {_options.Describe()} ignored a byte range ({asked.Start}-{asked.End}) of {name}", null);
        }
        return ResultContent.Whole(response.ResponseStream, response.ContentLength, modified, response.ETag);
    }

    /// <summary>Downloads the object to <paramref name="localFile"/>; false when there is none.</summary>
    public async Task<bool> DownloadAsync(string name, string localFile, CancellationToken ct)
    {
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Name, Key = KeyOf(name) }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        using (response)
        {
            var target = new FileStream(localFile, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await response.ResponseStream.CopyToAsync(target, ct).ConfigureAwait(false);
            }
        }
        return true;
    }

    /// <summary>Every object whose name starts with <paramref name="namePrefix"/>, page by page (metadata is not in a listing).</summary>
    public async IAsyncEnumerable<S3ObjectInfo> ListAsync(string namePrefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = KeyOf(namePrefix) };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, ct).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new S3ObjectInfo(item.Key[_prefix.Length..], item.Size ?? 0, Utc(item.LastModified), item.ETag,
                    new Dictionary<string, string>());
            }
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                yield break;
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>Removes the object; no error when it is already gone (S3 answers a missing key's delete with 204 too).</summary>
    public async Task DeleteAsync(string name, CancellationToken ct) =>
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Name, Key = KeyOf(name) }, ct).ConfigureAwait(false);

    /// <summary>A GET of the object signed to work without credentials until <paramref name="expiresAt"/> (SigV4: at most 7 days).</summary>
    public async Task<Uri> PresignGetAsync(string name, DateTimeOffset expiresAt, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Name,
            Key = KeyOf(name),
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            // Without this the SDK writes https:// even for an http:// endpoint (MinIO or s3rver on a private network).
            Protocol = _options.Endpoint is { } endpoint && endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS,
        };
        return new Uri(await _client.GetPreSignedURLAsync(request).ConfigureAwait(false));
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static void AddMetadata(MetadataCollection target, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            target.Add(key, value);
        }
    }

    /// <summary>User metadata by its bare name ("arrived"), whatever prefix the SDK reports it with.</summary>
    private static Dictionary<string, string> Metadata(MetadataCollection metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in metadata.Keys)
        {
            var bare = key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? key["x-amz-meta-".Length..] : key;
            result[bare] = metadata[key];
        }
        return result;
    }

    private static DateTimeOffset Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : DateTimeOffset.MinValue;

    /// <summary>"bytes 0-99/1234" → the span and the total; null for no header or a form this does not read.</summary>
    internal static (ByteSpan Span, long Total)? ContentRangeOf(string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var parts = header[6..].Split('/', '-');
        return parts.Length == 3
               && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var start)
               && long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var end)
               && long.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? (new ByteSpan(start, end), total)
            : null;
    }
}
