using System.Globalization;
using System.Runtime.CompilerServices;
using Recut.Media.Storage.S3;

namespace Recut.Server.Uploads.Backends;

/// <summary>
/// Uploads as objects <c>&lt;prefix&gt;uploads/&lt;tenant&gt;/&lt;id&gt;/&lt;name&gt;</c> in the S3-compatible bucket, so an upload taken
/// by one API process is found by any worker. The arrival time travels as object metadata (<c>x-amz-meta-arrived</c>,
/// Unix milliseconds by the server's clock): the bucket's own LastModified is another machine's clock, and expiry must
/// agree with the quota and the sweeper. Staged under the data folder, which need not be shared.
/// </summary>
public sealed class S3UploadBackend(S3Bucket bucket, string stagingDirectory) : IUploadBackend
{
    private const string Folder = "uploads/";
    private const string ArrivedKey = "arrived";

    public string StagingDirectory { get; } = Path.GetFullPath(stagingDirectory);

    public async Task<bool> ExistsAsync(string path, CancellationToken ct) =>
        await bucket.HeadAsync(Folder + path, ct).ConfigureAwait(false) is not null;

    public async Task StoreAsync(string path, string stagedFile, DateTimeOffset arrived, CancellationToken ct)
    {
        try
        {
            var metadata = new Dictionary<string, string> { [ArrivedKey] = arrived.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) };
            if (!await bucket.PutIfAbsentAsync(Folder + path, stagedFile, metadata, "application/octet-stream", ct).ConfigureAwait(false))
            {
                throw new UploadExistsException();
            }
        }
        finally
        {
            File.Delete(stagedFile);
        }
    }

    public async Task<UploadObject?> FindAsync(string path, CancellationToken ct) =>
        await bucket.HeadAsync(Folder + path, ct).ConfigureAwait(false) is { } head
            ? new UploadObject(path, head.Length, Arrival(head))
            : null;

    public Task<bool> CopyToAsync(string path, string destinationFile, CancellationToken ct) =>
        bucket.DownloadAsync(Folder + path, destinationFile, ct);

    /// <summary>A listing has no metadata: each object is asked for its arrival (a tenant holds a handful of uploads).</summary>
    public async IAsyncEnumerable<UploadObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in bucket.ListAsync(Folder + prefix, ct).ConfigureAwait(false))
        {
            if (await FindAsync(item.Name[Folder.Length..], ct).ConfigureAwait(false) is { } upload)
            {
                yield return upload;
            }
        }
    }

    public Task DeleteAsync(string path, CancellationToken ct) => bucket.DeleteAsync(Folder + path, ct);

    private static DateTimeOffset Arrival(S3ObjectInfo head) =>
        head.Metadata.TryGetValue(ArrivedKey, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : head.LastModified;
}
