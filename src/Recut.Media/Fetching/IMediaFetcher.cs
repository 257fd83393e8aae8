namespace Recut.Media.Fetching;

/// <summary>Brings a user-supplied media URL to a local file, safely and within limits.</summary>
public interface IMediaFetcher
{
    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destinationPath"/>. Throws
    /// <see cref="MediaException"/> with InvalidURL.*, InvalidFile.Size or InvalidParameter.DataInspection.
    /// </summary>
    Task<FetchedMedia> FetchAsync(Uri url, MediaKind kind, string destinationPath, CancellationToken ct);
}

public sealed record FetchedMedia(string Path, long Bytes, string? ContentType);
