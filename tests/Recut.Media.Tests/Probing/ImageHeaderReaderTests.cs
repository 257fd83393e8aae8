using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Recut.Media.Probing;
using Recut.Media.Rules;
using Recut.TestSupport;

namespace Recut.Media.Tests.Probing;

public sealed class ImageHeaderReaderTests
{
    [Theory]
    [InlineData("i.png", "png")]
    [InlineData("i.jpg", "jpeg")]
    [InlineData("i.bmp", "bmp")]
    [InlineData("i.webp", "webp")]
    public async Task Reads_format_and_size_of_generated_images(string name, string format)
    {
        using var dir = new TempDir();
        var path = await TestMedia.ImageAsync(dir.File(name), 321, 245);

        var header = await ImageHeaderReader.ReadAsync(path, CancellationToken.None);

        Assert.Equal(new ImageHeader(format, 321, 245, new FileInfo(path).Length), header);
    }

    [Fact]
    public async Task A_png_claiming_30000x30000_is_measured_without_decoding()
    {
        using var dir = new TempDir();
        var path = dir.File("bomb.png");
        await File.WriteAllBytesAsync(path, CraftPng(30000, 30000));
        Assert.True(new FileInfo(path).Length < 200);

        var clock = Stopwatch.StartNew();
        var header = await ImageHeaderReader.ReadAsync(path, CancellationToken.None);
        clock.Stop();

        // Decoding 30000x30000 RGBA would need 3.6 GB and many seconds; reading the header needs neither.
        Assert.Equal(("png", 30000, 30000), (header.Format, header.Width, header.Height));
        // Generous for a loaded machine; a decode of 30000x30000 would need gigabytes and far longer.
        Assert.True(clock.ElapsedMilliseconds < 10_000, $"took {clock.ElapsedMilliseconds} ms");
        var e = Assert.Throws<MediaException>(() => MediaRules.CheckImage(header));
        Assert.Equal("InvalidFile.Resolution", e.Code);
        Assert.Contains("30000x30000", e.Message);
    }

    [Fact]
    public async Task Html_named_png_is_a_format_error()
    {
        using var dir = new TempDir();
        var path = dir.File("ref.png");
        await File.WriteAllTextAsync(path, "<html><body>403 Forbidden</body></html>");

        var e = await Assert.ThrowsAsync<MediaException>(() => ImageHeaderReader.ReadAsync(path, CancellationToken.None));

        Assert.Equal("InvalidFile.Format", e.Code);
        Assert.Contains("HTML", e.Message);
    }

    [Fact]
    public async Task A_video_given_as_reference_image_is_a_format_error()
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("ref.mp4"), 320, 240, 1);
        var e = await Assert.ThrowsAsync<MediaException>(() => ImageHeaderReader.ReadAsync(path, CancellationToken.None));
        Assert.Equal("InvalidFile.Format", e.Code);
    }

    [Fact]
    public async Task A_png_signature_with_a_broken_header_is_an_open_error()
    {
        using var dir = new TempDir();
        var path = dir.File("broken.png");
        var bytes = CraftPng(500, 500);
        bytes[20] ^= 0xFF; // corrupt the IHDR width so its CRC no longer matches
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<MediaException>(() => ImageHeaderReader.ReadAsync(path, CancellationToken.None));
        Assert.Equal("InvalidFile.Openerror", e.Code);
    }

    [Fact]
    public async Task Gif_is_read_and_then_refused_by_the_rules()
    {
        using var dir = new TempDir();
        var path = dir.File("i.gif");
        await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(
            ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=300x300", "-frames:v", "1", path], new(), CancellationToken.None);

        var header = await ImageHeaderReader.ReadAsync(path, CancellationToken.None);

        Assert.Equal("gif", header.Format);
        Assert.Equal("InvalidFile.Format", Assert.Throws<MediaException>(() => MediaRules.CheckImage(header)).Code);
    }

    /// <summary>A valid-looking PNG: real IHDR with the given size, one tiny IDAT, IEND; all CRCs right.</summary>
    internal static byte[] CraftPng(int width, int height)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 6;  // RGBA
        Chunk(ms, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var deflate = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(new byte[16]);
            }
            Chunk(ms, "IDAT", z.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
