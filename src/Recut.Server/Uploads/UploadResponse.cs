using System.Globalization;
using Recut.Media;

namespace Recut.Server.Uploads;

/// <summary>Answer of POST /api/v1/uploads, in the envelope DashScope uses for its own upload policy call.</summary>
public sealed record UploadResponse(string RequestId, UploadData Data);

/// <summary>
/// <see cref="Url"/> goes into input.media[].url (with header X-DashScope-OssResourceResolve: enable);
/// <see cref="Type"/> is the media type it fits ("video" or "reference_image").
/// </summary>
public sealed record UploadData(string Url, string ExpiresAt, string Type, string Format, long Size, string FileName)
{
    public static UploadData From(StoredUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return new UploadData(upload.Url.OriginalString,
            upload.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            upload.Kind == MediaKind.Video ? "video" : "reference_image",
            upload.Format, upload.Size, upload.FileName);
    }
}
