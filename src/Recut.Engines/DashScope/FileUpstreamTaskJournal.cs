using System.Text.Json;

namespace Recut.Engines.DashScope;

/// <summary>
/// <see cref="IUpstreamTaskJournal"/> as one JSON file per task under &lt;data&gt;/upstream: written to a temporary
/// file, flushed, then renamed over the old one (rename is atomic), so a crash never leaves a torn record.
/// </summary>
public sealed class FileUpstreamTaskJournal : IUpstreamTaskJournal
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly TimeProvider _time;

    public FileUpstreamTaskJournal(string directory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _time = time;
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public async Task<UpstreamTaskRecord?> ReadAsync(Guid taskId, CancellationToken ct)
    {
        var path = PathOf(taskId);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<UpstreamTaskRecord>(stream, JsonOptions, ct).ConfigureAwait(false);
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(UpstreamTaskRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathOf(record.TaskId);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, record with { UpdatedAt = _time.GetUtcNow() }, JsonOptions, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public async Task<IReadOnlySet<string>> ClaimedUpstreamIdsAsync(CancellationToken ct)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            if (Guid.TryParse(Path.GetFileNameWithoutExtension(file), out var id)
                && await ReadAsync(id, ct).ConfigureAwait(false) is { UpstreamTaskId: { } upstream })
            {
                claimed.Add(upstream);
            }
        }
        return claimed;
    }

    public int DeleteWrittenBefore(DateTimeOffset cutoff)
    {
        var deleted = 0;
        // Only records and torn temporaries: the create gate's lock file lives here too and must never go.
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("*.json*"))
        {
            if (file.LastWriteTimeUtc < cutoff.UtcDateTime)
            {
                try
                {
                    file.Delete();
                    deleted++;
                }
                catch (IOException)
                {
                    // Another process deleted or is replacing it; the next sweep looks again.
                }
            }
        }
        return deleted;
    }

    private string PathOf(Guid taskId) => Path.Combine(Directory, $"{taskId:D}.json");
}
