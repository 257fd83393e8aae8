using System.Buffers.Binary;
using System.Text;

namespace Recut.Media.Probing;

/// <summary>
/// Sniffs a file's real type from its first bytes, because Content-Type headers and extensions lie
/// (a storage error page served as "video.mp4" is the common case). Returns a <see cref="MediaFormats"/> name.
/// </summary>
public static class MagicBytes
{
    /// <summary>How many leading bytes <see cref="Detect"/> looks at.</summary>
    public const int HeadLength = 512;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly byte[] MatroskaSignature = [0x1A, 0x45, 0xDF, 0xA3];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>QuickTime files without an ftyp box start with one of these top-level boxes.</summary>
    private static readonly string[] QuickTimeFirstBoxes = ["moov", "mdat", "wide", "free", "skip", "pnot"];

    public static async Task<string> DetectFileAsync(string path, CancellationToken ct)
    {
        var buffer = new byte[HeadLength];
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        var read = await file.ReadAtLeastAsync(buffer, HeadLength, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        return Detect(buffer.AsSpan(0, read), file.Length);
    }

    /// <param name="head">The file's first bytes (up to <see cref="HeadLength"/>).</param>
    /// <param name="fileLength">The whole file's length when known: a QuickTime box must fit inside it.</param>
    public static string Detect(ReadOnlySpan<byte> head, long? fileLength = null)
    {
        if (head.IsEmpty)
        {
            return MediaFormats.Empty;
        }
        // Text is never a video, however its bytes 4-7 read ("<!--free-->" once passed as a QuickTime box).
        var text = LooksLikeText(head);
        if (!text && IsoBaseMediaBrand(head, fileLength) is { } iso)
        {
            return iso;
        }
        if (head.StartsWith(PngSignature))
        {
            return MediaFormats.Png;
        }
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return MediaFormats.Jpeg;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var kind = head.Slice(8, 4);
            return kind.SequenceEqual("WEBP"u8) ? MediaFormats.Webp
                : kind.SequenceEqual("AVI "u8) ? MediaFormats.Avi
                : kind.SequenceEqual("WAVE"u8) ? MediaFormats.Wav
                : MediaFormats.Unknown;
        }
        if (IsBmp(head))
        {
            return MediaFormats.Bmp;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return MediaFormats.Gif;
        }
        if (head.StartsWith(MatroskaSignature))
        {
            return MediaFormats.Matroska;
        }
        if (!text && OldQuickTime(head, fileLength))
        {
            return MediaFormats.Mov;
        }
        return TextKind(head);
    }

    /// <summary>ISO base media (ftyp box first): the major brand tells mp4 from QuickTime and image variants.</summary>
    private static string? IsoBaseMediaBrand(ReadOnlySpan<byte> head, long? fileLength)
    {
        if (head.Length < 16 || !head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }
        // An ftyp box holds at least its header, a major brand and a minor version, and ends inside the file.
        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (size < 16 || size > (fileLength ?? long.MaxValue))
        {
            return null;
        }
        var brand = Encoding.ASCII.GetString(head.Slice(8, 4));
        return brand switch
        {
            "qt  " => MediaFormats.Mov,
            "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "mif1" or "msf1" => MediaFormats.Heif,
            "avif" or "avis" => MediaFormats.Avif,
            _ when brand.StartsWith("3g", StringComparison.Ordinal) => MediaFormats.ThreeGp,
            _ => MediaFormats.Mp4,
        };
    }

    private static bool OldQuickTime(ReadOnlySpan<byte> head, long? fileLength)
    {
        if (head.Length < 8)
        {
            return false;
        }
        var type = Encoding.ASCII.GetString(head.Slice(4, 4));
        if (!QuickTimeFirstBoxes.Contains(type, StringComparer.Ordinal))
        {
            return false;
        }
        // size 0 = "to end of file"; 1 = a 64-bit size follows the type; otherwise a real box is at least 8 bytes.
        // Either way the first box must end inside the file.
        var limit = fileLength ?? long.MaxValue;
        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        return size switch
        {
            0 => true,
            1 => head.Length >= 16 && BinaryPrimitives.ReadUInt64BigEndian(head[8..]) is var large && large >= 16 && large <= (ulong)limit,
            _ => size >= 8 && size <= limit,
        };
    }

    /// <summary>"BM" alone is too weak (plain text can start with it): also require a known DIB header size.</summary>
    private static bool IsBmp(ReadOnlySpan<byte> head)
    {
        if (head.Length < 18 || head[0] != 'B' || head[1] != 'M')
        {
            return false;
        }
        var dibHeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(14, 4));
        return dibHeaderSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static string TextKind(ReadOnlySpan<byte> head)
    {
        var text = head;
        if (text.StartsWith(Utf8Bom))
        {
            text = text[3..];
        }
        var trimmed = text.TrimStart(" \t\r\n"u8);
        var start = Encoding.ASCII.GetString(trimmed[..Math.Min(trimmed.Length, 16)]).ToLowerInvariant();
        if (start.StartsWith("<!doctype html", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal)
            || start.StartsWith("<head", StringComparison.Ordinal) || start.StartsWith("<body", StringComparison.Ordinal)
            || start.StartsWith("<!--", StringComparison.Ordinal))
        {
            return MediaFormats.Html;
        }
        if (start.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return LooksLikeHtml(text) ? MediaFormats.Html : MediaFormats.Xml;
        }
        if (LooksLikeText(text))
        {
            return trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '[') ? MediaFormats.Json : MediaFormats.Text;
        }
        return MediaFormats.Unknown;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> text) =>
        Encoding.ASCII.GetString(text).Contains("<html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Valid UTF-8 without control bytes other than tab/CR/LF (a cut-off last character is tolerated).</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0C)
            {
                return false;
            }
            if (b == 0x7F)
            {
                return false;
            }
        }
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var cut = 0; cut <= 3 && cut < text.Length; cut++)
        {
            try
            {
                decoder.GetCharCount(text[..(text.Length - cut)]);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }
        return false;
    }
}
