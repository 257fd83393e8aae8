using Recut.Media.Rules;
using Recut.TestSupport;

namespace Recut.Media.Tests.Rules;

public sealed class MediaInspectorTests
{
    private readonly MediaInspector _inspector = new();

    [Fact]
    public async Task A_good_video_passes_and_returns_its_info()
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("v.mp4"), 320, 240, 2.5, withAudio: true);
        var info = await _inspector.InspectVideoAsync(path, CancellationToken.None);
        Assert.Equal(320, info.Width);
        Assert.True(info.HasAudio);
    }

    [Fact]
    public async Task A_real_one_second_clip_fails_on_duration()
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("v.mp4"), 320, 240, 1);
        var e = await Assert.ThrowsAsync<MediaException>(() => _inspector.InspectVideoAsync(path, CancellationToken.None));
        Assert.Equal("InvalidFile.Duration", e.Code);
        Assert.Contains("1.00 s", e.Message);
    }

    [Fact]
    public async Task A_webm_fails_on_format_before_probing()
    {
        using var dir = new TempDir();
        var path = await TestMedia.VideoAsync(dir.File("v.webm"), 320, 240, 2, container: "webm");
        var e = await Assert.ThrowsAsync<MediaException>(() => _inspector.InspectVideoAsync(path, CancellationToken.None));
        Assert.Equal("InvalidFile.Format", e.Code);
    }

    [Fact]
    public async Task An_image_too_small_fails_on_resolution()
    {
        using var dir = new TempDir();
        var path = await TestMedia.ImageAsync(dir.File("i.jpg"), 200, 300);
        var e = await Assert.ThrowsAsync<MediaException>(() => _inspector.InspectImageAsync(path, CancellationToken.None));
        Assert.Equal("InvalidFile.Resolution", e.Code);
        Assert.Contains("200x300", e.Message);
    }
}
