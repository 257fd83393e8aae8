using Recut.Media.Probing;
using Recut.Media.Rules;

namespace Recut.Media.Tests.Rules;

public sealed class MediaRulesTests
{
    private const long MiB = 1024 * 1024;

    private static MediaInfo Video(double seconds = 5, int w = 1280, int h = 720, long bytes = 1_000_000, int rotation = 0) => new()
    {
        FormatName = "mov,mp4,m4a,3gp,3g2,mj2",
        Width = w,
        Height = h,
        DurationSeconds = seconds,
        SizeBytes = bytes,
        Rotation = rotation,
    };

    private static MediaException VideoFails(MediaInfo info, string format = "mp4") =>
        Assert.Throws<MediaException>(() => MediaRules.CheckVideo(info, format));

    [Theory]
    [InlineData(2.0)]
    [InlineData(2.01)]
    [InlineData(5.5)]
    [InlineData(10.0)]
    [InlineData(10.01)] // container rounding on a "10 s" clip
    public void Durations_inside_2_to_10_s_pass(double seconds) => MediaRules.CheckVideo(Video(seconds), "mp4");

    [Theory]
    [InlineData(1.9, "1.90")]
    [InlineData(1.97, "1.97")]
    [InlineData(0, "0.00")]
    [InlineData(10.1, "10.10")]
    [InlineData(12.4, "12.40")]
    public void Durations_outside_fail_with_measured_value_and_limit(double seconds, string shown)
    {
        var e = VideoFails(Video(seconds));
        Assert.Equal("InvalidFile.Duration", e.Code);
        Assert.Equal($"The video is {shown} s long; the allowed duration is 2-10 s.", e.Message);
    }

    [Theory]
    [InlineData(240, 240)]
    [InlineData(4096, 2160)]
    [InlineData(4096, 4096)]
    [InlineData(1920, 240)] // exactly 8:1
    [InlineData(240, 1920)] // exactly 1:8
    public void Sides_and_ratios_at_the_limits_pass(int w, int h) => MediaRules.CheckVideo(Video(w: w, h: h), "mov");

    [Theory]
    [InlineData(239, 320)]
    [InlineData(320, 239)]
    [InlineData(4097, 2160)]
    [InlineData(1080, 4098)]
    public void Sides_outside_240_to_4096_fail(int w, int h)
    {
        var e = VideoFails(Video(w: w, h: h));
        Assert.Equal("InvalidFile.Resolution", e.Code);
        Assert.Contains($"{w}x{h} px", e.Message);
        Assert.Contains("240-4096 px", e.Message);
    }

    [Theory]
    [InlineData(2160, 240, "9:1")]
    [InlineData(240, 2160, "1:9")]
    [InlineData(1921, 240, "8:1")] // 8.004:1 rounds to 8 in the message but is over the limit
    public void Ratios_beyond_8_to_1_fail(int w, int h, string shown)
    {
        var e = VideoFails(Video(w: w, h: h));
        Assert.Equal("InvalidFile.AspectRatio", e.Code);
        Assert.Contains(shown, e.Message);
        Assert.Contains("between 1:8 and 8:1", e.Message);
    }

    [Fact]
    public void Size_limit_is_100_MB_inclusive()
    {
        MediaRules.CheckVideo(Video(bytes: 100 * MiB), "mp4");
        var e = VideoFails(Video(bytes: 100 * MiB + 1));
        Assert.Equal("InvalidFile.Size", e.Code);
        Assert.Equal("The video is 100.00 MB (104857601 bytes); the limit is 100 MB.", e.Message);
    }

    [Theory]
    [InlineData("html", "HTML page")]
    [InlineData("mkv/webm", "Matroska")]
    [InlineData("png", "PNG image")]
    [InlineData("unknown", "unknown type")]
    public void Only_mp4_and_mov_are_videos(string detected, string named)
    {
        var e = VideoFails(Video(), detected);
        Assert.Equal("InvalidFile.Format", e.Code);
        Assert.Contains(named, e.Message);
        Assert.Contains("MP4, MOV", e.Message);
    }

    [Fact]
    public void Format_is_checked_before_anything_else()
    {
        Assert.Equal("InvalidFile.Format", VideoFails(Video(seconds: 30, w: 10, h: 10, bytes: 500 * MiB), "html").Code);
    }

    [Fact]
    public void Rotated_video_is_judged_and_reported_as_displayed()
    {
        var e = VideoFails(Video(w: 4000, h: 300, rotation: 90));
        Assert.Contains("300x4000", e.Message);
    }

    [Theory]
    [InlineData("jpeg", 240, 240)]
    [InlineData("png", 8000, 1000)]
    [InlineData("bmp", 1000, 8000)]
    [InlineData("webp", 512, 512)]
    public void Images_inside_the_limits_pass(string format, int w, int h) =>
        MediaRules.CheckImage(new ImageHeader(format, w, h, 20 * MiB));

    [Theory]
    [InlineData(239, 500, "InvalidFile.Resolution")]
    [InlineData(8001, 2000, "InvalidFile.Resolution")]
    [InlineData(2250, 250, "InvalidFile.AspectRatio")] // 9:1
    [InlineData(250, 2250, "InvalidFile.AspectRatio")]
    public void Images_outside_the_limits_fail(int w, int h, string code)
    {
        var e = Assert.Throws<MediaException>(() => MediaRules.CheckImage(new ImageHeader("png", w, h, 1000)));
        Assert.Equal(code, e.Code);
        Assert.Contains("reference image", e.Message);
    }

    [Fact]
    public void Image_size_limit_is_20_MB_inclusive()
    {
        var e = Assert.Throws<MediaException>(() => MediaRules.CheckImage(new ImageHeader("jpeg", 500, 500, 20 * MiB + 1)));
        Assert.Equal("InvalidFile.Size", e.Code);
        Assert.Contains("limit is 20 MB", e.Message);
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("heif")]
    [InlineData("html")]
    public void Other_image_formats_fail(string format)
    {
        var e = Assert.Throws<MediaException>(() => MediaRules.CheckImage(new ImageHeader(format, 500, 500, 1000)));
        Assert.Equal("InvalidFile.Format", e.Code);
        Assert.Contains("JPEG, PNG, BMP, WEBP", e.Message);
    }

    [Fact]
    public void Limits_are_configurable()
    {
        var strict = MediaLimits.Default with { VideoMaxSeconds = 5, VideoMaxBytes = 10 * MiB };
        var e = Assert.Throws<MediaException>(() => MediaRules.CheckVideo(Video(seconds: 6), "mp4", strict));
        Assert.Equal("The video is 6.00 s long; the allowed duration is 2-5 s.", e.Message);
        Assert.Equal("InvalidFile.Size", Assert.Throws<MediaException>(() => MediaRules.CheckVideo(Video(bytes: 11 * MiB), "mp4", strict)).Code);
        MediaRules.CheckVideo(Video(seconds: 6), "mp4"); // the default is untouched
    }
}
