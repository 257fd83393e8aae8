using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests;

/// <summary>Person-aware edits through the real server, on footage made from a real portrait.</summary>
[Collection(ServerCollection.Name)]
public sealed class PersonEditTests(ServerFixture fx)
{
    [Fact]
    public async Task Background_replace_keeps_the_person_and_puts_the_reference_behind()
    {
        var portrait = Path.Combine(TestMedia.MediaDir, "astronaut.png");
        Assert.True(File.Exists(portrait), $"test media missing from the repository: {portrait}");
        var clip = Path.Combine(fx.MediaDirectory, "portrait.mp4");
        if (!File.Exists(clip))
        {
            await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-nostdin", "-y", "-loop", "1", "-i", portrait,
                "-vf", "scale=640:640,crop=640:360:0:60,fps=30", "-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", clip],
                new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
            await TestMedia.ImageAsync(Path.Combine(fx.MediaDirectory, "magenta.png"), 640, 360, "color=c=0xff00ff");
        }
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Files.Url("portrait.mp4").ToString(), [fx.Files.Url("magenta.png").ToString()],
            "replace the background with the image"));
        var (_, final) = await api.WaitApiyiAsync(id);
        Assert.True(final.GetProperty("status").GetString() == "completed", final.ToString());
        using var dir = new TempDir();
        var output = dir.File("replaced.mp4");
        using (var http = new HttpClient())
        {
            await File.WriteAllBytesAsync(output, await http.GetByteArrayAsync(final.GetProperty("result_url").GetString()));
        }
        var frame = await FrameReader.ReadAsync(output, 1.0);
        var (r, g, b) = frame.MeanRgb(0, 0, 120, 120);
        Assert.True(r > 200 && g < 60 && b > 200, $"top-left background is not the magenta reference: {r:0} {g:0} {b:0}");
        // Her face (about 44 % across, 30 % down in this crop) must still be skin, not the reference.
        var (pr, pg, pb) = frame.MeanRgb(525, 170, 80, 80);
        Assert.True(pr > 150 && pg > 100 && pb < 200, $"the face was replaced too: {pr:0} {pg:0} {pb:0}");
    }

    [Fact]
    public async Task A_person_edit_on_a_clip_without_people_fails_saying_so()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "blur the background"));
        var ds = await api.WaitDashScopeAsync(id);
        var output = ds.GetProperty("output");
        Assert.Equal("FAILED", output.GetProperty("task_status").GetString());
        Assert.StartsWith("UnsupportedEdit", output.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Contains("person", output.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
