using Recut.Media.Probing;
using Recut.TestSupport;

namespace Recut.Media.Tests.Probing;

public sealed class FfprobeReaderTests
{
    private readonly FfprobeReader _reader = new();

    [Fact]
    public async Task Probes_generated_mp4_with_audio()
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("a.mp4"), 320, 240, 2, withAudio: true);

        var info = await _reader.ProbeAsync(path, CancellationToken.None);

        Assert.Contains("mp4", info.FormatName);
        Assert.Equal((320, 240), (info.Width, info.Height));
        Assert.InRange(info.DurationSeconds, 1.95, 2.1);
        Assert.Equal(30, info.FrameRate, 2);
        Assert.Equal(60, info.FrameCount);
        Assert.Equal("h264", info.VideoCodec);
        Assert.True(info.HasAudio);
        Assert.Equal(new FileInfo(path).Length, info.SizeBytes);
        Assert.Equal(0, info.Rotation);
    }

    [Fact]
    public async Task Probes_mov_without_audio()
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("a.mov"), 256, 320, 2.5, container: "mov", fps: 25);

        var info = await _reader.ProbeAsync(path, CancellationToken.None);

        Assert.Contains("mov", info.FormatName);
        Assert.Equal((256, 320), (info.Width, info.Height));
        Assert.InRange(info.DurationSeconds, 2.45, 2.6);
        Assert.Equal(25, info.FrameRate, 2);
        Assert.False(info.HasAudio);
    }

    [Theory]
    [InlineData("i.png", "png", "png")]
    [InlineData("i.jpg", "jpeg", "mjpeg")]
    [InlineData("i.webp", "webp", "webp")]
    [InlineData("i.bmp", "bmp", "bmp")]
    public async Task Probes_still_images(string name, string format, string codec)
    {
        using var dir = new TempDir();
        var path = await TestMedia.ImageAsync(dir.File(name), 300, 250);

        var info = await _reader.ProbeAsync(path, format, CancellationToken.None);

        Assert.Equal((300, 250), (info.Width, info.Height));
        Assert.Equal(codec, info.VideoCodec);
        Assert.False(info.HasAudio);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("html")]
    [InlineData("empty")]
    public async Task Undecodable_files_are_open_errors(string kind)
    {
        using var dir = new TempDir();
        var path = dir.File("bad.mp4");
        switch (kind)
        {
            case "garbage":
                await File.WriteAllBytesAsync(path, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            case "html":
                await File.WriteAllTextAsync(path, "<!DOCTYPE html><html><body>Access denied</body></html>");
                break;
            default:
                await File.WriteAllBytesAsync(path, []);
                break;
        }

        var e = await Assert.ThrowsAsync<MediaException>(() => _reader.ProbeAsync(path, CancellationToken.None));

        Assert.Equal("InvalidFile.Openerror", e.Code);
        Assert.DoesNotContain(dir.Path, e.Message); // the reason, not our server's paths
    }

    [Fact]
    public async Task Truncated_mp4_with_moov_at_the_end_is_an_open_error()
    {
        using var dir = new TempDir();
        var whole = dir.File("whole.mp4");
        // Without +faststart the moov box is written last, so cutting the file loses it.
        await Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", whole]);
        var bytes = await File.ReadAllBytesAsync(whole);
        var cut = dir.File("cut.mp4");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);

        var e = await Assert.ThrowsAsync<MediaException>(() => _reader.ProbeAsync(cut, CancellationToken.None));
        Assert.Equal("InvalidFile.Openerror", e.Code);
    }

    [Fact]
    public async Task Audio_only_file_has_no_video_stream()
    {
        using var dir = new TempDir();
        var path = dir.File("a.m4a");
        await Ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2", "-c:a", "aac", path]);

        var e = await Assert.ThrowsAsync<MediaException>(() => _reader.ProbeAsync(path, CancellationToken.None));

        Assert.Equal("InvalidFile.Openerror", e.Code);
        Assert.Contains("no video stream", e.Message);
    }

    [Fact]
    public async Task A_playlist_disguised_as_mp4_cannot_make_ffprobe_fetch_urls()
    {
        using var dir = new TempDir();
        var path = dir.File("evil.mp4");
        await File.WriteAllTextAsync(path, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");

        var e = await Assert.ThrowsAsync<MediaException>(() => _reader.ProbeAsync(path, CancellationToken.None));
        Assert.Equal("InvalidFile.Openerror", e.Code);
    }

    private static Task Ffmpeg(string[] args) =>
        Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(["-v", "error", "-y", .. args], new(), CancellationToken.None);
}
