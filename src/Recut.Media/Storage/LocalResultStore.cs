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

    public Task<ResultContent?> OpenAsync(string key, ByteRangeRequest? range, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!ResultKey.IsValid(key))
        {
            return Task.FromResult<ResultContent?>(null);
        }
        FileStream file;
        try
        {
            file = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone between a retention sweep and this download: the same answer as never stored.
            return Task.FromResult<ResultContent?>(null);
        }
        var info = new FileInfo(file.Name);
        var modified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        // A weak validator from what the file system keeps: results never change once stored, so length + time is enough.
        var etag = $"\"{file.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"";
        if (range is not { } asked)
        {
            return Task.FromResult<ResultContent?>(ResultContent.Whole(file, file.Length, modified, etag));
        }
        if (asked.Resolve(file.Length) is not { } span)
        {
            var length = file.Length;
            file.Dispose();
            return Task.FromResult<ResultContent?>(ResultContent.NotSatisfiable(length, modified, etag));
        }
        file.Seek(span.Start, SeekOrigin.Begin);
        return Task.FromResult<ResultContent?>(ResultContent.Partial(file, file.Length, span, modified, etag));
    }

    /// <summary>A folder has no URL of its own: the server streams the file.</summary>
    public Task<Uri?> DirectDownloadUrlAsync(string key, DateTimeOffset expiresAt, CancellationToken ct) => Task.FromResult<Uri?>(null);

    /// <summary>The file behind a key, or null: for tests and tools on the same machine, never for serving.</summary>
    public string? LocalPathOf(string key) => ResultKey.IsValid(key) && File.Exists(PathOf(key)) ? PathOf(key) : null;

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
