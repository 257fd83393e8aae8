namespace Recut.Server.Uploads.Backends;

/// <summary>
/// Where finished uploads are kept: a folder (the embedded default) or an S3-compatible bucket. Paths are
/// <c>&lt;tenant&gt;/&lt;id&gt;/&lt;name&gt;</c>, already made safe by <see cref="UploadStore"/>, which alone decides whose upload is
/// whose; a backend only stores, finds, lists and deletes. Bytes arrive as a staged local file, so sniffing, size limits
/// and quotas are applied before the backend sees them.
/// </summary>
public interface IUploadBackend
{
    /// <summary>A local folder for uploads in flight (the bytes are written there first, then handed to <see cref="StoreAsync"/>).</summary>
    string StagingDirectory { get; }

    Task<bool> ExistsAsync(string path, CancellationToken ct);

    /// <summary>
    /// Takes <paramref name="stagedFile"/> (removing it) and keeps it as <paramref name="path"/>, recording
    /// <paramref name="arrived"/> as its upload time. Never replaces an existing upload: <see cref="UploadExistsException"/>.
    /// </summary>
    Task StoreAsync(string path, string stagedFile, DateTimeOffset arrived, CancellationToken ct);

    /// <summary>The upload at <paramref name="path"/>, or null.</summary>
    Task<UploadObject?> FindAsync(string path, CancellationToken ct);

    /// <summary>Copies the upload's bytes to <paramref name="destinationFile"/>; false when it is gone.</summary>
    Task<bool> CopyToAsync(string path, string destinationFile, CancellationToken ct);

    /// <summary>Every upload whose path starts with <paramref name="prefix"/> ("" for all, "&lt;tenant&gt;/" for one tenant's).</summary>
    IAsyncEnumerable<UploadObject> ListAsync(string prefix, CancellationToken ct);

    /// <summary>Removes the upload; no error when it is already gone.</summary>
    Task DeleteAsync(string path, CancellationToken ct);
}

/// <summary>One kept upload: its path, size and when it arrived (by the server's clock, which expiry is counted on).</summary>
public sealed record UploadObject(string Path, long Size, DateTimeOffset Arrived)
{
    /// <summary>"&lt;tenant&gt;/&lt;id&gt;": the upload folder the object belongs to (several objects may share one).</summary>
    public string Folder => Path[..Path.LastIndexOf('/')];
}
