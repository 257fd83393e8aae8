using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Recut.Media;
using Recut.Media.Probing;
using Recut.Media.Rules;

namespace Recut.Server.Uploads;

/// <summary>
/// Files people upload from the console (or any client) so that a create call can name them as
/// <c>oss://recut-uploads/&lt;id&gt;/&lt;name&gt;</c>. Stored as <c>&lt;root&gt;/&lt;tenant&gt;/&lt;id&gt;/&lt;name&gt;</c>: the tenant is part of
/// the path, so another key's URL simply does not resolve. Sizes follow the fetched-media limits, and the bytes
/// are sniffed (never trusted by name or Content-Type) so a web page or a script never lands here.
/// </summary>
public sealed partial class UploadStore
{
    /// <summary>The pseudo-bucket of upload URLs.</summary>
    public const string Bucket = "recut-uploads";

    private readonly TimeProvider _time;
    private readonly MediaLimits _limits;

    public UploadStore(string root, TimeSpan retention, TimeProvider time, MediaLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(time);
        Root = Path.GetFullPath(root);
        Retention = retention;
        _time = time;
        _limits = limits ?? MediaLimits.Default;
    }

    public string Root { get; }

    /// <summary>How long an upload stays resolvable after it arrived.</summary>
    public TimeSpan Retention { get; }

    /// <summary>The largest upload of any kind, for a caller that must cap a request before knowing the kind.</summary>
    public long MaxBytes => Math.Max(_limits.VideoMaxBytes, _limits.ImageMaxBytes);

    /// <summary>The limits in words, for messages.</summary>
    public string LimitsText => $"{Megabytes(_limits.VideoMaxBytes)} MB for a video, {Megabytes(_limits.ImageMaxBytes)} MB for an image";

    /// <summary>
    /// Streams <paramref name="content"/> to disk. Throws <see cref="MediaException"/> with InvalidFile.Format when the
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
        var head = new byte[MagicBytes.HeadLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var format = MagicBytes.Detect(head.AsSpan(0, headLength));
        var kind = KindOf(format) ?? throw new MediaException(MediaErrorCodes.FileFormat,
            $"The uploaded file is {MediaFormats.Describe(format)}; expected an MP4 or MOV video, or a JPEG, PNG, BMP or WEBP image.");
        var limit = _limits.MaxBytes(kind);

        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var name = SafeName(fileName, format);
        var folder = Path.Combine(Root, TenantFolder(tenantId), id);
        var finalPath = Path.Combine(folder, name);
        Directory.CreateDirectory(folder);
        long total = headLength;
        try
        {
            var partPath = finalPath + ".part";
            await using (var file = new FileStream(partPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                onProgress?.Invoke(total);
                await file.WriteAsync(head.AsMemory(0, headLength), ct);
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
            File.Move(partPath, finalPath);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
        var arrived = _time.GetUtcNow();
        // The file's time is the upload's clock (TimeProvider), so expiry checks agree with the sweeper and with tests.
        File.SetLastWriteTimeUtc(finalPath, arrived.UtcDateTime);
        return new StoredUpload(new Uri($"oss://{Bucket}/{id}/{name}"), kind, format, total, name, arrived + Retention);
    }

    /// <summary>
    /// The local file behind an upload URL, if <paramref name="tenantId"/> uploaded it and it has not expired.
    /// False for another tenant's upload, an unknown or malformed id, another bucket, or an expired upload —
    /// deliberately indistinguishable, so a caller cannot probe for other tenants' uploads.
    /// </summary>
    public bool TryResolve(Uri ossUrl, string tenantId, out string localPath)
    {
        localPath = "";
        if (!TryParse(ossUrl, out var id, out var name) || string.IsNullOrEmpty(tenantId))
        {
            return false;
        }
        var path = Path.Combine(Root, TenantFolder(tenantId), id, name);
        var info = new FileInfo(path);
        if (!info.Exists || IsExpired(info.LastWriteTimeUtc))
        {
            return false;
        }
        localPath = path;
        return true;
    }

    /// <summary>
    /// What a tenant's finished uploads add up to: the unexpired ones (held) and those that arrived on the current UTC
    /// day (today; uploads cannot be deleted before they expire, so with a retention of a day or more this is the day's
    /// whole upload volume). Half-written <c>.part</c> files are not counted: their bytes are the quota's reservations.
    /// </summary>
    public (long HeldBytes, long TodayBytes) UsageOf(string tenantId)
    {
        var folder = new DirectoryInfo(Path.Combine(Root, TenantFolder(tenantId)));
        if (!folder.Exists)
        {
            return (0, 0);
        }
        var today = _time.GetUtcNow().UtcDateTime.Date;
        long held = 0, todays = 0;
        try
        {
            foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name.EndsWith(".part", StringComparison.Ordinal) || IsExpired(file.LastWriteTimeUtc))
                {
                    continue;
                }
                held += file.Length;
                if (file.LastWriteTimeUtc.Date == today)
                {
                    todays += file.Length;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder the sweeper removed mid-walk: what was counted so far is the best answer, and errs low only
            // by files that are going away anyway.
        }
        return (held, todays);
    }

    /// <summary>True when <paramref name="url"/> names this store's bucket (an oss:// URL of another bucket is not ours to resolve).</summary>
    public static bool IsUploadUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && url.Scheme == "oss" && string.Equals(url.Host, Bucket, StringComparison.OrdinalIgnoreCase);

    /// <summary>Deletes uploads older than the retention window (and half-written ones a crash left); returns how many went.</summary>
    public int DeleteExpired()
    {
        var root = new DirectoryInfo(Root);
        if (!root.Exists)
        {
            return 0;
        }
        var deleted = 0;
        foreach (var tenant in root.EnumerateDirectories())
        {
            foreach (var upload in tenant.EnumerateDirectories())
            {
                var files = upload.GetFiles();
                var newest = files.Length == 0 ? upload.LastWriteTimeUtc : files.Max(f => f.LastWriteTimeUtc);
                if (IsExpired(newest) && TryDelete(upload.FullName))
                {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private bool IsExpired(DateTime writtenUtc) =>
        _time.GetUtcNow() >= new DateTimeOffset(DateTime.SpecifyKind(writtenUtc, DateTimeKind.Utc)) + Retention;

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
        return IdPattern().IsMatch(id) && NamePattern().IsMatch(name);
    }

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

    private static bool TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,79}\\.[a-z0-9]{2,5}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TenantPattern();
}
