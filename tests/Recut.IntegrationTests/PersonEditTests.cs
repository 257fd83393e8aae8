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
        await PortraitClipAsync("portrait.mp4", "scale=640:640,crop=640:360:0:60,fps=30");
        var magenta = Path.Combine(fx.MediaDirectory, "magenta.png");
        if (!File.Exists(magenta))
        {
            await TestMedia.ImageAsync(magenta, 640, 360, "color=c=0xff00ff");
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
    public async Task Blurring_the_faces_covers_her_face_and_leaves_the_rest()
    {
        // At the output size, so before and after compare pixel for pixel.
        var clip = await PortraitClipAsync("portrait720.mp4", "scale=1280:1280,crop=1280:720:0:120,fps=30");
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Files.Url("portrait720.mp4").ToString(), [], "给人脸打码",
            new System.Text.Json.Nodes.JsonObject { ["resolution"] = "720P" }), Api.DashScopeCreate);
        var final = (await api.WaitDashScopeAsync(id)).GetProperty("output");
        Assert.True(final.GetProperty("task_status").GetString() == "SUCCEEDED", final.ToString());
        using var dir = new TempDir();
        var output = dir.File("faces.mp4");
        using (var http = new HttpClient())
        {
            await File.WriteAllBytesAsync(output, await http.GetByteArrayAsync(final.GetProperty("video_url").GetString()));
        }
        var before = await FrameReader.ReadAsync(clip, 1.0);
        var after = await FrameReader.ReadAsync(output, 1.0);
        // Her face (about 44 % across, 30 % down in this crop): mosaic blocks replace its detail.
        var face = Detail(after, 530, 170, 100, 100);
        var original = Detail(before, 530, 170, 100, 100);
        Assert.True(face < original * 0.5, $"the face kept its detail: {face:0.00} against {original:0.00} before");
        // The top-left corner, far from her face, is as it was (up to the re-encode).
        var (r0, g0, b0) = before.MeanRgb(0, 0, 160, 120);
        var (r1, g1, b1) = after.MeanRgb(0, 0, 160, 120);
        Assert.True(Math.Abs(r0 - r1) + Math.Abs(g0 - g1) + Math.Abs(b0 - b1) < 6, $"the corner changed: {r0:0} {g0:0} {b0:0} → {r1:0} {g1:0} {b1:0}");
    }

    [Fact]
    public async Task A_face_edit_on_a_clip_without_faces_fails_saying_so()
    {
        using var api = fx.Api();
        var id = await api.CreateAsync(Api.Body(fx.Clip.ToString(), [], "blur the faces"), Api.DashScopeCreate);
        var ds = await api.WaitDashScopeAsync(id);
        var output = ds.GetProperty("output");
        Assert.Equal("FAILED", output.GetProperty("task_status").GetString());
        Assert.Equal("UnsupportedEdit.NoFace", output.GetProperty("code").GetString());
        Assert.Contains("No face was found", output.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Mean absolute difference between horizontally adjacent pixels' green values: how much fine detail a region holds.</summary>
    private static double Detail(RgbFrame frame, int x0, int y0, int w, int h)
    {
        double sum = 0;
        for (var y = y0; y < y0 + h; y++)
        {
            for (var x = x0; x < x0 + w - 1; x++)
            {
                sum += Math.Abs(frame.Pixel(x, y).G - frame.Pixel(x + 1, y).G);
            }
        }
        return sum / (h * (w - 1));
    }

    /// <summary>The astronaut portrait as a 2 s clip shaped by <paramref name="filter"/>, made once in the shared media folder.</summary>
    private async Task<string> PortraitClipAsync(string name, string filter)
    {
        var portrait = Path.Combine(TestMedia.MediaDir, "astronaut.png");
        Assert.True(File.Exists(portrait), $"test media missing from the repository: {portrait}");
        var clip = Path.Combine(fx.MediaDirectory, name);
        if (!File.Exists(clip))
        {
            await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-nostdin", "-y", "-loop", "1", "-i", portrait,
                "-vf", filter, "-t", "2", "-pix_fmt", "yuv420p", "-c:v", "libx264", clip],
                new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
        }
        return clip;
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
