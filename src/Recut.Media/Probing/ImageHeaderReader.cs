using SkiaSharp;

namespace Recut.Media.Probing;

/// <summary>
/// Reads an image's type and size from its header only. <see cref="SKCodec.Create(Stream)"/> parses the
/// header without allocating or decoding pixels, so a PNG claiming 30000x30000 costs nothing to reject.
/// </summary>
public static class ImageHeaderReader
{
    /// <exception cref="MediaException">
    /// InvalidFile.Format when the file is plainly not an image (HTML, text, video);
    /// InvalidFile.Openerror when it looks like an image but its header cannot be read.
    /// </exception>
    public static Task<ImageHeader> ReadAsync(string path, CancellationToken ct) => ReadAsync(path, "reference image", ct);

    /// <param name="noun">How messages name the file: "reference image 2".</param>
    public static async Task<ImageHeader> ReadAsync(string path, string noun, CancellationToken ct)
    {
        var sniffed = await MagicBytes.DetectFileAsync(path, ct).ConfigureAwait(false);
        var size = new FileInfo(path).Length;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: false);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            if (sniffed == MediaFormats.Png && await PngIhdr.TryReadAsync(path, ct).ConfigureAwait(false) is var (w, h))
            {
                return new ImageHeader(sniffed, w, h, size, "a PNG image whose data is damaged");
            }
            if (IsPlainlyNotAnImage(sniffed))
            {
                throw new MediaException(MediaErrorCodes.FileFormat,
                    $"The {noun} is {MediaFormats.Describe(sniffed)}; the allowed formats are JPEG, PNG, BMP, WEBP.");
            }
            // The decoder's verdict (result) is its own vocabulary: the caller is told what the bytes are.
            throw new MediaException(MediaErrorCodes.FileOpenError,
                $"The {noun} cannot be decoded ({MediaFormats.Describe(sniffed)} that is damaged or incomplete).");
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, $"The {noun}'s header has no picture size.");
        }
        var format = sniffed is MediaFormats.Unknown or MediaFormats.Text ? FromCodec(codec.EncodedFormat) : sniffed;
        return new ImageHeader(format, info.Width, info.Height, size);
    }

    private static bool IsPlainlyNotAnImage(string sniffed) => sniffed is MediaFormats.Html or MediaFormats.Xml
        or MediaFormats.Json or MediaFormats.Text or MediaFormats.Empty or MediaFormats.Mp4 or MediaFormats.Mov
        or MediaFormats.ThreeGp or MediaFormats.Matroska or MediaFormats.Avi or MediaFormats.Wav;

    private static string FromCodec(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Png => MediaFormats.Png,
        SKEncodedImageFormat.Jpeg => MediaFormats.Jpeg,
        SKEncodedImageFormat.Bmp => MediaFormats.Bmp,
        SKEncodedImageFormat.Webp => MediaFormats.Webp,
        SKEncodedImageFormat.Gif => MediaFormats.Gif,
        SKEncodedImageFormat.Heif => MediaFormats.Heif,
        SKEncodedImageFormat.Avif => MediaFormats.Avif,
        _ => format.ToString().ToLowerInvariant(),
    };
}
