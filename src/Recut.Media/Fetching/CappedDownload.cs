using Recut.Media.Rules;

namespace Recut.Media.Fetching;

/// <summary>Streams a response body to a temp file beside the destination, stopping at a byte cap, then renames it.</summary>
internal static class CappedDownload
{
    private const int BufferSize = 81920;

    public static async Task<long> SaveAsync(HttpResponseMessage response, MediaKind kind, long maxBytes, string destination, CancellationToken ct)
    {
        var noun = kind == MediaKind.Video ? "video" : "reference image";
        var declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw new MediaException(MediaErrorCodes.FileSize,
                $"The {noun} is {MediaRules.DescribeBytes(declared.Value)} (Content-Length); the limit is {MediaRules.DescribeLimit(maxBytes)}.");
        }
        var full = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.part";
        try
        {
            long total = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            await using (var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new MediaException(MediaErrorCodes.FileSize,
                            $"The {noun} is larger than the limit of {MediaRules.DescribeLimit(maxBytes)}; the download was stopped after {MediaRules.DescribeBytes(total)}.");
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }
            }
            if (declared is { } expected && total != expected)
            {
                throw new MediaException(MediaErrorCodes.DataInspection,
                    $"The download of the {noun} ended after {total} of {expected} bytes.");
            }
            File.Move(temp, full, overwrite: true);
            return total;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
