using Recut.Media.Probing;
using Recut.Media.Processes;
using Recut.TestSupport;

namespace Recut.Media.Tests.Processes;

/// <summary>
/// Every input reaches ffmpeg and ffprobe with its demuxer named, and files that point elsewhere (DASH, HLS, ffconcat,
/// SDP) cannot make ffprobe read what they point at.
/// </summary>
public sealed class PinnedInputTests
{
    [Theory]
    [InlineData("mp4", "mov")]
    [InlineData("mov", "mov")]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", "mov")]
    [InlineData("png", "png_pipe")]
    [InlineData("png_pipe", "png_pipe")]
    [InlineData("jpeg", "jpeg_pipe")]
    [InlineData("webp", "webp_pipe")]
    [InlineData("bmp", "bmp_pipe")]
    public void Each_allowed_format_has_exactly_one_demuxer(string format, string demuxer)
    {
        var args = PinnedInput.Arguments("/tmp/x/in", format);
        Assert.Equal(["-f", demuxer], args.Take(2));
        Assert.Equal(demuxer, After(args, "-format_whitelist"));
        Assert.Equal("file", After(args, "-protocol_whitelist"));
        Assert.Equal("file:/tmp/x/in", args[^1]);
        Assert.Equal("-i", args[^2]);
        Assert.Equal(demuxer == "mov", args.Contains("-enable_drefs"));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("text")]
    [InlineData("mkv/webm")]
    [InlineData("gif")]
    [InlineData("dash")]
    [InlineData("hls")]
    [InlineData("concat")]
    [InlineData("unknown")]
    public void Any_other_format_is_refused_before_ffmpeg_runs(string format)
    {
        var e = Assert.Throws<MediaException>(() => PinnedInput.Arguments("/tmp/x/in", format));
        Assert.Equal("InvalidFile.Format", e.Code);
        Assert.DoesNotContain("/tmp", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> PointingElsewhere => new()
    {
        { "dash", "<!--free--><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\" mediaPresentationDuration=\"PT2S\" minBufferTime=\"PT1S\" profiles=\"urn:mpeg:dash:profile:isoff-on-demand:2011\"><Period><AdaptationSet mimeType=\"video/mp4\"><Representation id=\"1\" bandwidth=\"1000\" width=\"320\" height=\"240\" codecs=\"avc1.4d401e\"><BaseURL>secret.mp4</BaseURL><SegmentBase/></Representation></AdaptationSet></Period></MPD>" },
        { "hls", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nsecret.mp4\n#EXT-X-ENDLIST\n" },
        { "ffconcat", "ffconcat version 1.0\nfile 'secret.mp4'\n" },
        { "sdp", "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5004 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n" },
    };

    [Theory]
    [MemberData(nameof(PointingElsewhere))]
    public async Task A_file_that_points_at_another_file_is_not_read_as_what_it_points_at(string trick, string body)
    {
        using var dir = new TempDir();
        await TestMedia.VideoAsync(dir.File("secret.mp4"), 320, 240, 2);
        var path = dir.File(trick + ".mov");
        await File.WriteAllTextAsync(path, body);

        // Unpinned, ffprobe would follow the reference; pinned to the QuickTime demuxer it reads only this file.
        var e = await Assert.ThrowsAsync<MediaException>(() => new FfprobeReader().ProbeAsync(path, "mov", CancellationToken.None));
        Assert.StartsWith("InvalidFile.", e.Code, StringComparison.Ordinal);
        Assert.DoesNotContain(dir.Path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("moov atom", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jpeg_is_not_read_as_a_png()
    {
        using var dir = new TempDir();
        var path = await TestMedia.ImageAsync(dir.File("i.jpg"), 300, 250);
        var e = await Assert.ThrowsAsync<MediaException>(() => new FfprobeReader().ProbeAsync(path, "png", CancellationToken.None));
        Assert.Equal("InvalidFile.Openerror", e.Code);
        Assert.DoesNotContain(dir.Path, e.Message, StringComparison.Ordinal);
    }

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];
}
