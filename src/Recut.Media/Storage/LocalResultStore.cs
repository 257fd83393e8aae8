namespace Recut.Media.Storage;

/// <summary>
/// Results as files under a folder: <c>&lt;root&gt;/&lt;yyyy-MM-dd&gt;/&lt;taskId&gt;.mp4</c>, the key being the
/// relative path. A file appears whole or not at all: it is first moved to a hidden temp name in the
/// target folder (a copy when it comes from another filesystem), then linked into place atomically.
/// </summary>
public sealed class LocalResultStore : IResultStore
{
    private readonly TimeProvider _clock;

    public LocalResultStore(string rootDirectory, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(rootDirectory);
        _clock = clock ?? TimeProvider.System;
        PrivateFolder.Create(Root);
    }

    public string Root { get; }

    public Task<string> PutAsync(Guid taskId, string finishedFilePath, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!File.Exists(finishedFilePath))
        {
            throw new FileNotFoundException("the finished result file does not exist", finishedFilePath);
        }
        var day = _clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var key = $"{day}/{taskId:D}.mp4";
        var target = PathOf(key);
        var folder = Path.GetDirectoryName(target)!;
        PrivateFolder.Create(folder);

        if (File.Exists(target))
        {
            // A second attempt of the same task (at-least-once execution): the first result stands.
            File.Delete(finishedFilePath);
            return Task.FromResult(key);
        }
        var staging = Path.Combine(folder, $".{taskId:N}.{Guid.NewGuid():N}.part");
        try
        {
            File.Move(finishedFilePath, staging);
            PrivateFolder.RestrictFile(staging);
            try
            {
                // overwrite:false is link()+unlink() on Unix: it fails if the target exists, never half-replaces it.
                File.Move(staging, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another attempt won the race between our existence check and the move.
            }
        }
        finally
        {
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
        }
        return Task.FromResult(key);
    }

    public string? TryGetLocalPath(string key)
    {
        if (!ResultKey.IsValid(key))
        {
            return null;
        }
        var path = PathOf(key);
        return File.Exists(path) ? path : null;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ResultKey.Validate(key);
        var path = PathOf(key);
        // No error when missing: retention may run twice. The day folder stays (a concurrent Put may
        // be about to write into it); SweepAsync removes old day folders whole.
        File.Delete(path);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Deletes whole day folders older than <paramref name="olderThan"/> (by their name), which
    /// catches results whose task rows are already gone. Returns how many files were removed.
    /// </summary>
    public Task<int> SweepAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        var removed = 0;
        var cutoff = DateOnly.FromDateTime(olderThan.UtcDateTime);
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            ct.ThrowIfCancellationRequested();
            if (DateOnly.TryParseExact(Path.GetFileName(dir), "yyyy-MM-dd", out var day) && day < cutoff)
            {
                removed += Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count();
                Directory.Delete(dir, recursive: true);
            }
        }
        return Task.FromResult(removed);
    }

    private string PathOf(string key)
    {
        ResultKey.Validate(key);
        var path = Path.GetFullPath(Path.Combine(Root, key));
        // Belt and braces beside the key grammar: the path must stay inside the root.
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' points outside the result store.", nameof(key));
        }
        return path;
    }
}
