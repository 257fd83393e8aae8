using Recut.Media;
using Recut.Media.Probing;

namespace Recut.Engines.DashScope;

/// <summary>
/// DashScope's temporary-file flow: GET /api/v1/uploads?action=getPolicy&amp;model=…, then an OSS form post; the
/// object is readable as oss://&lt;key&gt; for 48 h, by the same account and model only. Each attempt takes a fresh
/// policy (its own upload_dir), so a retry never collides with a half-finished earlier upload.
/// </summary>
public sealed class TemporaryFileUploader(UpstreamApi api, UpstreamRetry retry)
{
    public async Task<string> UploadAsync(PooledKey key, string model, LocalMedia media, string baseName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(media);
        var (extension, contentType) = TypeOf(await MagicBytes.DetectFileAsync(media.Path, ct).ConfigureAwait(false));
        var fileName = baseName + extension;
        return await retry.RunAsync(async t =>
        {
            var policy = await api.GetUploadPolicyAsync(key, model, t).ConfigureAwait(false);
            var size = new FileInfo(media.Path).Length;
            if (policy.MaxFileSizeMb is { } max && size > max * 1024 * 1024)
            {
                throw new MediaException(MediaErrorCodes.FileSize,
                    $"The input is {size / 1048576.0:0.#} MB; the upstream accepts at most {max:0.#} MB per uploaded file.");
            }
            return await api.UploadFileAsync(policy, media.Path, fileName, contentType, t).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The extension and MIME type of what the bytes are (local copies carry no extension).</summary>
    private static (string Extension, string ContentType) TypeOf(string format) =>
        format switch
        {
            MediaFormats.Mov => (".mov", "video/quicktime"),
            MediaFormats.Png => (".png", "image/png"),
            MediaFormats.Jpeg => (".jpg", "image/jpeg"),
            MediaFormats.Bmp => (".bmp", "image/bmp"),
            MediaFormats.Webp => (".webp", "image/webp"),
            _ => (".mp4", "video/mp4"),
        };
}
