namespace Recut.Media.Storage.S3;

/// <summary>
/// Results as objects <c>&lt;prefix&gt;results/&lt;taskId&gt;.mp4</c> in an S3-compatible bucket, the key (what the task row
/// keeps) being <c>&lt;taskId&gt;.mp4</c>. Unlike the folder's day folders the key has no date: a task retried after
/// midnight finds its first result instead of writing a second one, and retention deletes by key (the bucket's own
/// lifecycle rule can back it up). Any process with the bucket's settings reads what any other wrote.
/// </summary>
public sealed class S3ResultStore(S3Bucket bucket) : IResultStore
{
    private const string Folder = "results/";

    public async Task<string> PutAsync(Guid taskId, string finishedFilePath, CancellationToken ct)
    {
        if (!File.Exists(finishedFilePath))
        {
            throw new FileNotFoundException("the finished result file does not exist", finishedFilePath);
        }
        var key = $"{taskId:D}.mp4";
        // Written or not, the key is the task's: a second attempt's file is dropped and the first result stands.
        await bucket.PutIfAbsentAsync(Folder + key, finishedFilePath, metadata: null, ResultContent.Mp4, ct).ConfigureAwait(false);
        File.Delete(finishedFilePath);
        return key;
    }

    public async Task<ResultContent?> OpenAsync(string key, ByteRangeRequest? range, CancellationToken ct)
    {
        if (!ResultKey.IsValid(key))
        {
            return null;
        }
        if (range is not { } asked)
        {
            return await bucket.GetAsync(Folder + key, span: null, ct).ConfigureAwait(false);
        }
        // The range is resolved here against a HEAD, not left to the server: suffix and out-of-range requests are where
        // S3-compatibles differ (s3rver answers some with the whole object), and a 416 needs the length anyway.
        if (await bucket.HeadAsync(Folder + key, ct).ConfigureAwait(false) is not { } head)
        {
            return null;
        }
        return asked.Resolve(head.Length) is { } span
            ? await bucket.GetAsync(Folder + key, span, ct).ConfigureAwait(false)
            : ResultContent.NotSatisfiable(head.Length, head.LastModified, head.ETag);
    }

    public async Task<Uri?> DirectDownloadUrlAsync(string key, DateTimeOffset expiresAt, CancellationToken ct)
    {
        ResultKey.Validate(key);
        return await bucket.PresignGetAsync(Folder + key, expiresAt, ct).ConfigureAwait(false);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        ResultKey.Validate(key);
        return bucket.DeleteAsync(Folder + key, ct);
    }
}
