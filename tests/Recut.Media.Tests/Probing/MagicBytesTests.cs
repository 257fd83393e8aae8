using System.Text;
using Recut.Media.Probing;
using Recut.TestSupport;

namespace Recut.Media.Tests.Probing;

public sealed class MagicBytesTests
{
    [Theory]
    [InlineData("mp4", "mp4")]
    [InlineData("mov", "mov")]
    [InlineData("mkv", "mkv/webm")]
    public async Task Detects_generated_videos(string container, string expected)
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("v." + container), 320, 240, 1, container: container);
        Assert.Equal(expected, await MagicBytes.DetectFileAsync(path, CancellationToken.None));
    }

    [Theory]
    [InlineData("i.png", "png")]
    [InlineData("i.jpg", "jpeg")]
    [InlineData("i.bmp", "bmp")]
    [InlineData("i.webp", "webp")]
    public async Task Detects_generated_images(string name, string expected)
    {
        using var dir = new TempDir();
        var path = await TestMedia.ImageAsync(dir.File(name), 300, 250);
        Assert.Equal(expected, await MagicBytes.DetectFileAsync(path, CancellationToken.None));
    }

    [Theory]
    [InlineData("isom", "mp4")]
    [InlineData("mp42", "mp4")]
    [InlineData("M4V ", "mp4")]
    [InlineData("qt  ", "mov")]
    [InlineData("3gp5", "3gp")]
    [InlineData("heic", "heif")]
    [InlineData("avif", "avif")]
    public void Ftyp_major_brand_decides_the_iso_family_member(string brand, string expected)
    {
        var head = Box(32, "ftyp").Concat(Encoding.ASCII.GetBytes(brand)).Concat(new byte[20]).ToArray();
        Assert.Equal(expected, MagicBytes.Detect(head));
    }

    [Theory]
    [InlineData("moov")]
    [InlineData("mdat")]
    [InlineData("wide")]
    [InlineData("free")]
    public void Old_quicktime_without_ftyp_is_mov(string firstBox)
    {
        Assert.Equal("mov", MagicBytes.Detect(Box(8, firstBox).Concat(Box(100, "mdat")).ToArray()));
    }

    [Fact]
    public void A_box_name_with_an_impossible_size_is_not_quicktime()
    {
        Assert.NotEqual("mov", MagicBytes.Detect(Box(3, "moov").Concat(new byte[8]).ToArray()));
    }

    [Theory]
    [InlineData("<!--free--><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"><BaseURL>../results/a.mp4</BaseURL></MPD>")]
    [InlineData("AAAAfreeAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xxxxmoov then a playlist\n#EXTM3U\nfile:///etc/passwd\n")]
    [InlineData("AAAAftypqt  0000 and then plain text")]
    public void Text_is_never_a_video_whatever_bytes_4_to_7_say(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var format = MagicBytes.Detect(bytes, bytes.Length);
        Assert.NotEqual("mov", format);
        Assert.NotEqual("mp4", format);
        Assert.Equal(format, MagicBytes.Detect(bytes));
    }

    [Theory]
    [InlineData("free")]
    [InlineData("moov")]
    [InlineData("ftyp")]
    public void The_first_box_must_end_inside_the_file(string type)
    {
        // A 4 GB box in a 64-byte file: not a QuickTime file, however its type reads.
        var head = Box(0xFFFF_FF00, type).Concat(Encoding.ASCII.GetBytes("qt  ")).Concat(new byte[52]).ToArray();
        Assert.Equal("unknown", MagicBytes.Detect(head, head.Length));
        var fits = Box(64, type).Concat(Encoding.ASCII.GetBytes("qt  ")).Concat(new byte[52]).ToArray();
        Assert.Equal("mov", MagicBytes.Detect(fits, fits.Length));
    }

    [Fact]
    public void A_64_bit_first_box_size_must_fit_too()
    {
        var head = Box(1, "mdat").Concat(new byte[] { 0, 0, 0, 0, 0, 0, 0x01, 0x00 }).Concat(new byte[240]).ToArray();
        Assert.Equal("mov", MagicBytes.Detect(head, head.Length));
        head[14] = 0x10; // 4096 bytes claimed by a 256-byte file
        Assert.Equal("unknown", MagicBytes.Detect(head, head.Length));
    }

    [Fact]
    public async Task A_real_file_is_judged_with_its_length()
    {
        using var dir = new TempDir();
        var path = dir.File("evil.mov");
        await File.WriteAllBytesAsync(path, Box(1_000_000, "free").Concat(new byte[100]).ToArray());
        Assert.Equal("unknown", await MagicBytes.DetectFileAsync(path, CancellationToken.None));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>404</title>", "html")]
    [InlineData("\n\n  <html lang=\"en\"><body>Forbidden</body></html>", "html")]
    [InlineData("\uFEFF<!doctype HTML>", "html")]
    [InlineData("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>", "xml")]
    [InlineData("{\"code\":\"NoSuchKey\",\"message\":\"not found\"}", "json")]
    [InlineData("Not Found", "text")]
    [InlineData("BM but only text, not a bitmap header", "text")]
    [InlineData("视频不存在", "text")]
    public void Recognises_text_served_in_place_of_media(string body, string expected)
    {
        Assert.Equal(expected, MagicBytes.Detect(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public async Task Html_saved_as_mp4_is_detected_by_content_not_name()
    {
        using var dir = new TempDir();
        var path = dir.File("video.mp4");
        await File.WriteAllTextAsync(path, "<!DOCTYPE html>\n<html><body>Please log in</body></html>");
        Assert.Equal("html", await MagicBytes.DetectFileAsync(path, CancellationToken.None));
        Assert.Contains("HTML page", MediaFormats.Describe("html"));
    }

    [Fact]
    public void Riff_variants_and_gif_and_empty()
    {
        Assert.Equal("webp", MagicBytes.Detect(Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8 ")));
        Assert.Equal("avi", MagicBytes.Detect(Encoding.ASCII.GetBytes("RIFF\0\0\0\0AVI LIST")));
        Assert.Equal("wav", MagicBytes.Detect(Encoding.ASCII.GetBytes("RIFF\0\0\0\0WAVEfmt ")));
        Assert.Equal("gif", MagicBytes.Detect(Encoding.ASCII.GetBytes("GIF89a\x01\0\x01\0")));
        Assert.Equal("empty", MagicBytes.Detect([]));
        Assert.Equal("unknown", MagicBytes.Detect([0x00, 0x01, 0x02, 0x03, 0xFE, 0xFD, 0x00, 0x00, 0x10]));
    }

    private static byte[] Box(uint size, string type)
    {
        var b = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b, size);
        Encoding.ASCII.GetBytes(type).CopyTo(b, 4);
        return b;
    }
}
