using Recut.Engines.Pipeline;
using Recut.Media;

namespace Recut.Server.Uploads;

/// <summary>
/// One task's inputs: oss://recut-uploads/… URLs come from <see cref="UploadStore"/> for the task's own tenant (copied
/// into the work folder, size limits checked again); everything else goes to <paramref name="fallback"/> (the fetcher).
/// Built per task because the tenant decides which uploads exist.
/// </summary>
public sealed class UploadInputResolver(UploadStore uploads, string tenantId, IInputResolver fallback) : IInputResolver
{
    private readonly LocalFileInputResolver _copy = new();

    public Task<string> ResolveAsync(string source, MediaKind kind, string destinationPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || url.Scheme != "oss")
        {
            return fallback.ResolveAsync(source, kind, destinationPath, ct);
        }
        if (!UploadStore.IsUploadUrl(url))
        {
            // Upstream resolves oss:// through Alibaba OSS; this server only knows its own upload bucket.
            throw new MediaException(MediaErrorCodes.InvalidUrl,
                $"oss:// URLs must name the bucket {UploadStore.Bucket} (files uploaded to this server through POST /api/v1/uploads).");
        }
        // Unknown, expired and other keys' uploads read the same, so nobody can probe for someone else's files.
        return uploads.TryResolve(url, tenantId, out var localPath)
            ? _copy.ResolveAsync(localPath, kind, destinationPath, ct)
            : throw new MediaException(MediaErrorCodes.DataInspection,
                "The uploaded file does not exist: it has expired or was uploaded with another API key.");
    }
}
