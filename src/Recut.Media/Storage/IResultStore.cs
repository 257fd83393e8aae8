namespace Recut.Media.Storage;

/// <summary>Where finished videos live. Writes are atomic: a reader sees the whole file or nothing.</summary>
public interface IResultStore
{
    /// <summary>Moves a finished local file into the store under a key derived from the task id.</summary>
    Task<string> PutAsync(Guid taskId, string finishedFilePath, CancellationToken ct);

    /// <summary>Local path of a stored result, or null if it does not exist (the server streams it with ranges).</summary>
    string? TryGetLocalPath(string key);

    Task DeleteAsync(string key, CancellationToken ct);
}
