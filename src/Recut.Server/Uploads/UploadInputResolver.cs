using Recut.Engines.Pipeline;
using Recut.Media;
using Recut.Media.Rules;
using Recut.Server.Uploads.Backends;

namespace Recut.Server.Uploads;

/// <summary>
/// One task's inputs: oss://recut-uploads/… URLs come from <see cref="UploadStore"/> for the task's own tenant (copied
/// into the work folder — from the bucket when uploads live in one — size limits checked again); everything else goes
/// to <paramref name="fallback"/> (the fetcher).
/// Built per task because the tenant decides which uploads exist.
/// </summary>
public sealed class UploadInputResolver(UploadStore uploads, string tenantId, IInputResolver fallback) : IInputResolver
{
    public async Task<string> ResolveAsync(string source, MediaKind kind, string destinationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || url.Scheme != "oss")
        {
            return await fallback.ResolveAsync(source, kind, destinationPath, ct);
        }
        if (!UploadStore.IsUploadUrl(url))
        {
            // Upstream resolves oss:// through Alibaba OSS; this server only knows its own upload bucket.
            throw new MediaException(MediaErrorCodes.InvalidUrl,
                $"oss:// URLs must name the bucket {UploadStore.Bucket} (files uploaded to this server through POST /api/v1/uploads).");
        }
        // Unknown, expired and other keys' uploads read the same, so nobody can probe for someone else's files.
        var upload = await uploads.ResolveAsync(url, tenantId, ct);
        if (upload is null || !await uploads.CopyToAsync(Checked(upload, kind), destinationPath, ct))
        {
            throw new MediaException(MediaErrorCodes.DataInspection,
                "The uploaded file does not exist: it has expired or was uploaded with another API key.");
        }
        return destinationPath;
    }

    /// <summary>The upload was limited by the kind its bytes showed; the slot it is used in may allow less (an image as the video).</summary>
    private static UploadObject Checked(UploadObject upload, MediaKind kind)
    {
        var max = MediaLimits.Default.MaxBytes(kind);
        return upload.Size <= max
            ? upload
            : throw new MediaException(MediaErrorCodes.FileSize,
                $"The {(kind == MediaKind.Video ? "video" : "reference image")} is {MediaRules.DescribeBytes(upload.Size)}; the limit is {MediaRules.DescribeLimit(max)}.");
    }
}
