namespace Recut.Media.Storage;

/// <summary>
/// Where finished videos live: a folder (the embedded default) or an S3-compatible bucket. Nothing outside the store
/// sees a path, so any process — API or worker, on any machine — reaches a result by its key alone.
/// </summary>
public interface IResultStore
{
    /// <summary>
    /// Moves a finished local file into the store under a key derived from the task id, and returns the key. Idempotent
    /// for at-least-once execution: when a result for the task is already stored, it stands and this file is dropped.
    /// A reader sees the whole result or nothing.
    /// </summary>
    Task<string> PutAsync(Guid taskId, string finishedFilePath, CancellationToken ct);

    /// <summary>
    /// The stored result (or the requested part of it), or null when there is none under <paramref name="key"/> (or the
    /// key is malformed). The caller disposes the content.
    /// </summary>
    Task<ResultContent?> OpenAsync(string key, ByteRangeRequest? range, CancellationToken ct);

    /// <summary>
    /// A URL the client may fetch the result from directly until <paramref name="expiresAt"/> (an S3 presigned GET), or
    /// null when the store has none (a folder: the server streams it). Async: signing may first have to fetch credentials
    /// (an instance role).
    /// </summary>
    Task<Uri?> DirectDownloadUrlAsync(string key, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>Removes the result; no error when it is already gone (retention may run twice).</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}
