using System.Buffers.Binary;

namespace Recut.Media.Probing;

/// <summary>
/// Reads width and height straight from a PNG's IHDR chunk (bytes 16–23). Used when the decoder refuses a file, so a
/// header claiming 30000×30000 is reported as a resolution problem, which is what it is.
/// </summary>
public static class PngIhdr
{
    public static async Task<(int Width, int Height)?> TryReadAsync(string path, CancellationToken ct)
    {
        var buffer = new byte[24];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        return TryRead(buffer.AsSpan(0, read));
    }

    public static (int Width, int Height)? TryRead(ReadOnlySpan<byte> head)
    {
        if (head.Length < 24 || !head[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }
        var width = BinaryPrimitives.ReadInt32BigEndian(head[16..20]);
        var height = BinaryPrimitives.ReadInt32BigEndian(head[20..24]);
        return width > 0 && height > 0 ? (width, height) : null;
    }
}
