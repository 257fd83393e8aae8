using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Recut.Media;
using Recut.Media.Probing;
using Recut.Media.Rules;
using Recut.Media.Storage;
using Recut.Server.Uploads.Backends;

namespace Recut.Server.Uploads;

/// <summary>
/// Files people upload from the console (or any client) so that a create call can name them as
/// <c>oss://recut-uploads/&lt;id&gt;/&lt;name&gt;</c>. Kept by an <see cref="IUploadBackend"/> (a folder or a bucket) as
/// <c>&lt;tenant&gt;/&lt;id&gt;/&lt;name&gt;</c>: the tenant is part of the path, so another key's URL simply does not resolve.
/// Sizes follow the fetched-media limits, and the bytes are sniffed (never trusted by name or Content-Type) so a web page
/// or a script never lands here.
/// </summary>
public sealed partial class UploadStore
{
    /// <summary>The pseudo-bucket of upload URLs.</summary>
    public const string Bucket = "recut-uploads";

    private readonly IUploadBackend _backend;
    private readonly TimeProvider _time;
    private readonly MediaLimits _limits;

    /// <summary>Uploads kept as files under <paramref name="root"/> (the embedded default).</summary>
    public UploadStore(string root, TimeSpan retention, TimeProvider time, MediaLimits? limits = null)
        : this(new FolderUploadBackend(root), retention, time, limits)
    {
    }

    public UploadStore(IUploadBackend backend, TimeSpan retention, TimeProvider time, MediaLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(time);
        _backend = backend;
        Retention = retention;
        _time = time;
        _limits = limits ?? MediaLimits.Default;
    }

    /// <summary>How long an upload stays resolvable after it arrived.</summary>
    public TimeSpan Retention { get; }

    /// <summary>The largest upload of any kind, for a caller that must cap a request before knowing the kind.</summary>
    public long MaxBytes => Math.Max(_limits.VideoMaxBytes, _limits.ImageMaxBytes);

    /// <summary>The limits in words, for messages.</summary>
    public string LimitsText => $"{Megabytes(_limits.VideoMaxBytes)} MB for a video, {Megabytes(_limits.ImageMaxBytes)} MB for an image";

    /// <summary>
    /// Streams <paramref name="content"/> to a staging file, then into the backend. Throws <see cref="MediaException"/> with InvalidFile.Format when the
    /// bytes are not an accepted video or image type and InvalidFile.Size when they exceed the kind's limit; nothing
    /// is left behind on failure.
    /// </summary>
    /// <param name="onProgress">
    /// Called with the running byte count before each chunk is written; it may throw (a quota passed), which stops the
    /// upload and removes what was written.
    /// </param>
    public async Task<StoredUpload> SaveAsync(string tenantId, string? fileName, Stream content, CancellationToken ct,
        Action<long>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (head, format, kind) = await SniffAsync(content, ct);
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var name = SafeName(fileName, format);
        return await WriteAsync(head, content, kind, format, id, name, $"{TenantFolder(tenantId)}/{id}/{name}", onProgress, ct);
    }

    /// <summary>
    /// Stores an object under the key a client chose inside a folder Recut issued (the OSS-style form upload:
    /// <c>recut-uploads/&lt;id&gt;/&lt;objectName&gt;</c>), so the URL the client builds itself, <c>oss://&lt;key&gt;</c>, resolves.
    /// Several objects may share the folder; an existing one is never replaced (<see cref="UploadExistsException"/>).
    /// The same sniffing and size limits as <see cref="SaveAsync"/>; on failure only this object's bytes are removed.
    /// </summary>
    public async Task<StoredUpload> SaveObjectAsync(string tenantId, string id, string objectName, Stream content, CancellationToken ct,
        Action<long>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IdPattern().IsMatch(id) || !IsObjectName(objectName))
        {
            throw new ArgumentException("not an upload folder id and object name", nameof(objectName));
        }
        var path = $"{TenantFolder(tenantId)}/{id}/{DiskName(objectName)}";
        if (await _backend.ExistsAsync(path, ct))
        {
            throw new UploadExistsException();
        }
        var (head, format, kind) = await SniffAsync(content, ct);
        return await WriteAsync(head, content, kind, format, id, objectName, path, onProgress, ct);
    }

    /// <summary>
    /// True for a name that can be the last segment of an object key and survive a trip through an oss:// URL: no
    /// path separators, no characters a URL parser reads as query, fragment or escape, no control characters.
    /// </summary>
    public static bool IsObjectName(string? name) =>
        name is { Length: > 0 and <= 200 } && name is not ("." or "..") && name.Trim().Length == name.Length
        && !name.Any(c => char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%');

    private async Task<(ReadOnlyMemory<byte> Head, string Format, MediaKind Kind)> SniffAsync(Stream content, CancellationToken ct)
    {
        var head = new byte[MagicBytes.HeadLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var format = MagicBytes.Detect(head.AsSpan(0, headLength));
        var kind = KindOf(format) ?? throw new MediaException(MediaErrorCodes.FileFormat,
            $"The uploaded file is {MediaFormats.Describe(format)}; expected an MP4 or MOV video, or a JPEG, PNG, BMP or WEBP image.");
        return (head.AsMemory(0, headLength), format, kind);
    }

    /// <summary>
    /// Streams to a staging file of its own, then hands it to the backend (which never stores over an existing upload).
    /// Two uploads of one key at once both stream; the first to be stored wins and the other is refused.
    /// </summary>
    private async Task<StoredUpload> WriteAsync(ReadOnlyMemory<byte> head, Stream content, MediaKind kind, string format, string id,
        string name, string path, Action<long>? onProgress, CancellationToken ct)
    {
        var limit = _limits.MaxBytes(kind);
        long total = head.Length;
        PrivateFolder.Create(_backend.StagingDirectory);
        var staged = Path.Combine(_backend.StagingDirectory, $"{Guid.NewGuid():N}.part");
        try
        {
            var file = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file)
            {
                onProgress?.Invoke(total);
                await file.WriteAsync(head, ct);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > limit)
                    {
                        throw TooLarge(kind, limit, total, exact: false);
                    }
                    onProgress?.Invoke(total);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            var arrived = _time.GetUtcNow();
            // The arrival is the upload's clock (TimeProvider), so expiry checks agree with the sweeper and with tests.
            await _backend.StoreAsync(path, staged, arrived, ct);
            var url = new Uri($"oss://{Bucket}/{id}/{Uri.EscapeDataString(name)}");
            return new StoredUpload(url, kind, format, total, name, arrived + Retention);
        }
        finally
        {
            TryDeleteFile(staged);
        }
    }

    /// <summary>
    /// The upload behind an upload URL, if <paramref name="tenantId"/> uploaded it and it has not expired; else null —
    /// for another tenant's upload, an unknown or malformed id, another bucket, or an expired upload alike, so a caller
    /// cannot probe for other tenants' uploads.
    /// </summary>
    public async Task<UploadObject?> ResolveAsync(Uri ossUrl, string tenantId, CancellationToken ct)
    {
        if (!TryParse(ossUrl, out var id, out var name) || string.IsNullOrEmpty(tenantId))
        {
            return null;
        }
        var upload = await _backend.FindAsync($"{TenantFolder(tenantId)}/{id}/{DiskName(name)}", ct);
        return upload is null || IsExpired(upload.Arrived) ? null : upload;
    }

    /// <summary>Copies a resolved upload's bytes to <paramref name="destinationFile"/>; false when it went away meanwhile.</summary>
    public Task<bool> CopyToAsync(UploadObject upload, string destinationFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return _backend.CopyToAsync(upload.Path, destinationFile, ct);
    }

    /// <summary>
    /// What a tenant's finished uploads add up to: the unexpired ones (held) and those that arrived on the current UTC
    /// day (today; uploads cannot be deleted before they expire, so with a retention of a day or more this is the day's
    /// whole upload volume). Uploads still being written are not counted: their bytes are the quota's reservations.
    /// </summary>
    public async Task<(long HeldBytes, long TodayBytes)> UsageOfAsync(string tenantId, CancellationToken ct)
    {
        var today = _time.GetUtcNow().UtcDateTime.Date;
        long held = 0, todays = 0;
        await foreach (var upload in _backend.ListAsync(TenantFolder(tenantId) + "/", ct))
        {
            if (IsExpired(upload.Arrived))
            {
                continue;
            }
            held += upload.Size;
            if (upload.Arrived.UtcDateTime.Date == today)
            {
                todays += upload.Size;
            }
        }
        return (held, todays);
    }

    /// <summary>True when <paramref name="url"/> names this store's bucket (an oss:// URL of another bucket is not ours to resolve).</summary>
    public static bool IsUploadUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && url.Scheme == "oss" && string.Equals(url.Host, Bucket, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Deletes upload folders whose newest object is past the retention window (objects sharing a folder go together);
    /// returns how many folders went. Staging files a crash left behind go once they are as old.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var folders = new Dictionary<string, List<UploadObject>>(StringComparer.Ordinal);
        await foreach (var upload in _backend.ListAsync("", ct))
        {
            if (!folders.TryGetValue(upload.Folder, out var list))
            {
                folders[upload.Folder] = list = [];
            }
            list.Add(upload);
        }
        var deleted = 0;
        foreach (var objects in folders.Values.Where(f => IsExpired(f.Max(o => o.Arrived))))
        {
            foreach (var upload in objects)
            {
                await _backend.DeleteAsync(upload.Path, ct);
            }
            deleted++;
        }
        DeleteStaleStagingFiles();
        return deleted;
    }

    private void DeleteStaleStagingFiles()
    {
        var staging = new DirectoryInfo(_backend.StagingDirectory);
        if (!staging.Exists)
        {
            return;
        }
        foreach (var file in staging.EnumerateFiles("*.part").Where(f => DateTime.UtcNow - f.LastWriteTimeUtc > Retention))
        {
            TryDeleteFile(file.FullName);
        }
    }

    private bool IsExpired(DateTimeOffset arrived) => _time.GetUtcNow() >= arrived + Retention;

    private static bool TryParse(Uri? url, out string id, out string name)
    {
        id = name = "";
        if (!IsUploadUrl(url))
        {
            return false;
        }
        var parts = url!.AbsolutePath.Trim('/').Split('/');
        if (parts.Length != 2)
        {
            return false;
        }
        id = Uri.UnescapeDataString(parts[0]);
        name = Uri.UnescapeDataString(parts[1]);
        return IdPattern().IsMatch(id) && (NamePattern().IsMatch(name) || IsObjectName(name));
    }

    /// <summary>
    /// The file name an object is kept under: the name itself when it is a plain one (every name <see cref="SaveAsync"/>
    /// gives is), else a hash of it — a client's key may hold spaces, non-ASCII letters or a ".part" ending, none of
    /// which should reach the file system. Hashed names begin with '_', which no plain name does, so the two never meet.
    /// </summary>
    private static string DiskName(string name) =>
        NamePattern().IsMatch(name) && !name.EndsWith(".part", StringComparison.Ordinal)
            ? name
            : "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..40] + ".obj";

    private MediaKind? KindOf(string format) =>
        _limits.VideoFormats.Contains(format) ? MediaKind.Video
        : _limits.ImageFormats.Contains(format) ? MediaKind.ReferenceImage
        : null;

    /// <summary>Throws the InvalidFile.Size error for an upload of <paramref name="size"/> bytes (at least that many unless exact).</summary>
    public static MediaException TooLarge(MediaKind kind, long limit, long size, bool exact)
    {
        var what = kind == MediaKind.Video ? "video" : "image";
        var measured = exact ? $"{Megabytes(size)} MB" : $"more than {Megabytes(limit)} MB";
        return new MediaException(MediaErrorCodes.FileSize,
            $"The uploaded {what} is {measured}; the limit for a {what} is {Megabytes(limit)} MB.");
    }

    private static string Megabytes(long bytes) =>
        (bytes / (double)MediaLimits.MiB).ToString(bytes % MediaLimits.MiB == 0 ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name safe in a path and a URL, ending in the extension of what the bytes really are.</summary>
    public static string SafeName(string? fileName, string format)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? ""));
        var safe = new StringBuilder();
        foreach (var c in stem)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }
        var trimmed = safe.ToString().Trim('_', '-');
        if (trimmed.Length == 0)
        {
            trimmed = "upload";
        }
        var extension = format switch
        {
            MediaFormats.Jpeg => "jpg",
            _ => format,
        };
        return $"{trimmed[..Math.Min(trimmed.Length, 80)].TrimEnd('_', '-')}.{extension}";
    }

    /// <summary>Tenant ids are "t_" + hex today; anything else is hashed rather than trusted in a path.</summary>
    private static string TenantFolder(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return TenantPattern().IsMatch(tenantId)
            ? tenantId
            : "h_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId)))[..32];
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the sweeper: a staging file is never resolved and never counted.
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,79}\\.[a-z0-9]{2,5}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TenantPattern();
}
