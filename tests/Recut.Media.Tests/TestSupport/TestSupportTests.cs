using System.Net;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.Media.Tests.TestSupport;

/// <summary>The shared helpers are themselves code: a broken FrameReader would make colour tests lie.</summary>
public sealed class TestSupportTests
{
    [Fact]
    public async Task Red_video_decodes_to_red_frame_at_its_own_size()
    {
        using var dir = new TempDir();
        var video = await TestMedia.VideoAsync(dir.File("red.mp4"), 320, 240, 2, "color=c=red");

        var frame = await FrameReader.ReadAsync(video, 1.0);

        Assert.Equal((320, 240), (frame.Width, frame.Height));
        var (r, g, b) = frame.MeanRgb();
        Assert.InRange(r, 230, 255);
        Assert.InRange(g, 0, 25);
        Assert.InRange(b, 0, 25);
        var lab = frame.LabStats();
        Assert.InRange(lab.A, 60, 90); // red has a strongly positive a*
        Assert.InRange(lab.SL, 0, 3);  // a flat colour has almost no spread
    }

    [Fact]
    public async Task Frames_at_different_times_of_testsrc2_differ_and_same_time_matches()
    {
        using var dir = new TempDir();
        var video = await TestMedia.VideoAsync(dir.File("t.mov"), 320, 240, 2, container: "mov", withAudio: true);

        var a = await FrameReader.ReadAsync(video, 0.2);
        var b = await FrameReader.ReadAsync(video, 1.5);
        var a2 = await FrameReader.ReadAsync(video, 0.2);

        Assert.True(a.MeanAbsDiff(b) > 1, $"diff {a.MeanAbsDiff(b)}");
        Assert.Equal(0, a.MeanAbsDiff(a2));
        using var json = await Probe.FfprobeJsonAsync(video);
        var streams = json.RootElement.GetProperty("streams");
        Assert.Contains(streams.EnumerateArray(), s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.True(Probe.MoovBeforeMdat(video));
    }

    [Fact]
    public async Task Reading_past_the_end_fails_clearly()
    {
        using var dir = new TempDir();
        var video = await TestMedia.VideoAsync(dir.File("short.mp4"), 320, 240, 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => FrameReader.ReadAsync(video, 5));
    }

    [Fact]
    public void Logo_png_is_transparent_outside_and_opaque_inside()
    {
        using var dir = new TempDir();
        var path = TestMedia.LogoPng(dir.File("logo.png"), 200, 100, SKColors.Blue);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(0, bitmap.GetPixel(1, 1).Alpha);
        var centre = bitmap.GetPixel(100, 50);
        Assert.Equal(255, centre.Alpha);
        Assert.Equal(255, centre.Blue);
    }

    [Fact]
    public async Task Static_file_server_serves_files_ranges_and_raw_handlers()
    {
        using var dir = new TempDir();
        await File.WriteAllBytesAsync(dir.File("a.bin"), Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        await using var server = await StaticFileServer.StartAsync(dir.Path);
        server.MapRaw("/teapot", ctx => { ctx.Response.StatusCode = 418; return Task.CompletedTask; });
        using var http = new HttpClient();

        Assert.Equal(IPAddress.Loopback.ToString(), server.BaseUri.Host);
        Assert.Equal(100, (await http.GetByteArrayAsync(server.Url("a.bin"))).Length);
        using var range = new HttpRequestMessage(HttpMethod.Get, server.Url("a.bin"));
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 19);
        using var partial = await http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (byte)i), await partial.Content.ReadAsByteArrayAsync());
        using var teapot = await http.GetAsync(server.Url("teapot"));
        Assert.Equal((HttpStatusCode)418, teapot.StatusCode);
        using var missing = await http.GetAsync(server.Url("nope.bin"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(4, server.RequestCount);
    }

    [Theory]
    [InlineData("i.png")]
    [InlineData("i.jpg")]
    [InlineData("i.bmp")]
    [InlineData("i.webp")]
    public async Task Images_are_written_in_the_extension_format(string name)
    {
        using var dir = new TempDir();
        var path = await TestMedia.ImageAsync(dir.File(name), 300, 250, "color=c=0xff8000");
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((300, 250), (bitmap.Width, bitmap.Height));
        var px = bitmap.GetPixel(150, 125);
        Assert.InRange((int)px.Red, 235, 255);
        Assert.InRange((int)px.Green, 110, 145);
    }

    [Fact]
    public void Temp_dir_is_deleted_on_dispose()
    {
        string path;
        using (var dir = new TempDir("x"))
        {
            path = dir.Path;
            File.WriteAllText(dir.File("f.txt"), "x");
            Directory.CreateDirectory(Path.Combine(path, "sub"));
        }
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public async Task Odd_sized_video_keeps_its_exact_size()
    {
        using var dir = new TempDir();
        var video = await TestMedia.VideoAsync(dir.File("odd.mp4"), 321, 245, 1, "smpte");
        var frame = await FrameReader.ReadAsync(video, 0.5);
        Assert.Equal((321, 245), (frame.Width, frame.Height));
    }

    [Fact]
    public void Real_test_media_is_inside_the_repository()
    {
        Assert.NotNull(TestMedia.RepoRoot);
        Assert.True(File.Exists(Path.Combine(TestMedia.RepoRoot, "Recut.sln")));
        Assert.Equal(Path.Combine(TestMedia.RepoRoot, "tests", "media"), TestMedia.MediaDir);
        Assert.StartsWith(TestMedia.RepoRoot, Path.GetFullPath(TestMedia.SharedMediaDir), StringComparison.Ordinal);
        foreach (var file in new[] { "astronaut.png", "grace_hopper.jpg", "README.md" })
        {
            Assert.True(File.Exists(Path.Combine(TestMedia.MediaDir, file)), $"tests/media/{file} missing");
        }
    }
}
