using System.Runtime.CompilerServices;
using Recut.Media.Storage;

namespace Recut.Server.Uploads.Backends;

/// <summary>
/// Uploads as files under a folder (<c>&lt;data&gt;/uploads</c>), staged in its hidden <c>.staging</c> subfolder so the final
/// move is a rename on one file system. The file's time is the upload's arrival (set from the server's clock).
/// </summary>
public sealed class FolderUploadBackend : IUploadBackend
{
    public FolderUploadBackend(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        StagingDirectory = Path.Combine(Root, ".staging");
    }

    public string Root { get; }

    public string StagingDirectory { get; }

    public Task<bool> ExistsAsync(string path, CancellationToken ct) => Task.FromResult(File.Exists(FileOf(path)));

    public Task StoreAsync(string path, string stagedFile, DateTimeOffset arrived, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var target = FileOf(path);
        PrivateFolder.Create(Path.GetDirectoryName(target)!);
        try
        {
            // overwrite:false is link()+unlink(): of two uploads of one key racing here, exactly one lands.
            File.Move(stagedFile, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            throw new UploadExistsException();
        }
        File.SetLastWriteTimeUtc(target, arrived.UtcDateTime);
        return Task.CompletedTask;
    }

    public Task<UploadObject?> FindAsync(string path, CancellationToken ct)
    {
        var info = new FileInfo(FileOf(path));
        return Task.FromResult(info.Exists ? new UploadObject(path, info.Length, Arrival(info)) : null);
    }

    public async Task<bool> CopyToAsync(string path, string destinationFile, CancellationToken ct)
    {
        FileStream source;
        try
        {
            source = new FileStream(FileOf(path), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // swept between finding it and copying it
        }
        await using (source)
        {
            var target = new FileStream(destinationFile, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target)
            {
                await source.CopyToAsync(target, ct);
            }
        }
        return true;
    }

    public async IAsyncEnumerable<UploadObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        var root = new DirectoryInfo(Root);
        if (!root.Exists)
        {
            yield break;
        }
        var found = new List<UploadObject>();
        try
        {
            // Three levels, tenant/id/name; the hidden staging folder (and anything else hidden) is not an upload.
            foreach (var tenant in root.EnumerateDirectories().Where(d => !d.Name.StartsWith('.')))
            {
                foreach (var folder in tenant.EnumerateDirectories())
                {
                    foreach (var file in folder.EnumerateFiles())
                    {
                        var path = $"{tenant.Name}/{folder.Name}/{file.Name}";
                        if (path.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            found.Add(new UploadObject(path, file.Length, Arrival(file)));
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder the sweeper removed mid-walk: what was found so far is the answer, short only by what is going away.
        }
        foreach (var item in found)
        {
            ct.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    public Task DeleteAsync(string path, CancellationToken ct)
    {
        var file = FileOf(path);
        File.Delete(file);
        // The upload folder goes with its last object (the id is never reused, so nothing writes into it again).
        var folder = Path.GetDirectoryName(file)!;
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
            // Not empty after all: an object arrived meanwhile; it is swept with its own expiry.
        }
        return Task.CompletedTask;
    }

    private static DateTimeOffset Arrival(FileInfo file) => new(DateTime.SpecifyKind(file.LastWriteTimeUtc, DateTimeKind.Utc));

    private string FileOf(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, path));
        // UploadStore builds paths from checked parts; this is the belt to its braces.
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' points outside the upload folder.", nameof(path));
        }
        return full;
    }
}
