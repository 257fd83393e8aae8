using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;
using Recut.TestSupport;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// Tenant B sends files that point at tenant A's result or at a media file of the host — as a URL and as an upload, as
/// the video and as a reference image. Every one is refused with an InvalidFile code, no output of B ever holds A's or
/// the host's frames, and no answer shows a path or ffmpeg's words. Valid files that merely contain such text still edit.
/// </summary>
public sealed class HostileContainerTests(HostileContainerFixture fx) : IClassFixture<HostileContainerFixture>
{
    private static readonly Dictionary<string, string> ResolveUploads = new() { ["X-DashScope-OssResourceResolve"] = "enable" };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var name in HostileContainers.Names.SelectMany(n => new[] { n, n + "-host" }))
        {
            foreach (var role in new[] { "video", "image" })
            {
                foreach (var channel in new[] { "url", "upload" })
                {
                    data.Add(name, role, channel);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_container_that_points_elsewhere_is_refused(string trick, string role, string channel)
    {
        var t = fx.Trick(trick);
        string url;
        if (channel == "url")
        {
            url = fx.Files.Url(t.Name + ".mov").ToString();
        }
        else
        {
            var (status, body) = await fx.UploadAsync(t.Bytes, t.Name + (role == "video" ? ".mov" : ".png"));
            if (status != 200)
            {
                // Refused at the door: the sniffer saw text, not media.
                Assert.Equal(400, status);
                Assert.StartsWith("InvalidFile.", body.GetProperty("code").GetString(), StringComparison.Ordinal);
                LeakCheck.AssertClean(body.GetProperty("message").GetString(), $"{trick} upload");
                return;
            }
            url = body.GetProperty("data").GetProperty("url").GetString()!;
        }
        var video = role == "video" ? url : fx.Files.Url("b.mp4").ToString();
        var image = role == "image" ? url : fx.Files.Url("look.png").ToString();

        using var api = new Api(fx.Server.BaseUrl, Keys.B);
        var (created, answer) = await api.PostAsync(Api.ApiyiCreate,
            Api.Body(video, [image], "make it black and white").ToJsonString(), headers: ResolveUploads);
        Assert.True(created == 200, $"{trick}: create answered {created}: {answer}");
        var id = answer.GetProperty("output").GetProperty("task_id").GetString()!;
        var output = (await api.WaitDashScopeAsync(id, TimeSpan.FromSeconds(90))).GetProperty("output");

        Assert.True(output.GetProperty("task_status").GetString() == "FAILED", $"{trick} as {role} by {channel} was not refused: {output}");
        var code = output.GetProperty("code").GetString()!;
        if (role == "video")
        {
            Assert.True(code == t.VideoCode, $"{trick} by {channel}: expected {t.VideoCode}, got {code}: {output}");
        }
        else
        {
            Assert.True(code == "InvalidFile.Format", $"{trick} as image by {channel}: got {code}: {output}");
        }
        Assert.False(output.TryGetProperty("video_url", out _));
        LeakCheck.AssertClean(output.GetProperty("message").GetString(), $"{trick} as {role} by {channel}");
    }

    [Fact]
    public async Task A_valid_jpeg_with_a_manifest_in_its_comment_is_just_a_jpeg()
    {
        using var api = new Api(fx.Server.BaseUrl, Keys.B);
        var id = await api.CreateAsync(Api.Body(fx.Files.Url("b.mp4").ToString(), [fx.Files.Url("manifest-comment.jpg").ToString()],
            "put the logo in the top-right corner"));
        var output = (await api.WaitDashScopeAsync(id)).GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "SUCCEEDED", output.ToString());
        await AssertOwnFramesAsync(api, output, expectedSeconds: 2);
    }

    [Theory]
    [InlineData("b.mp4")]
    [InlineData("b.mov")]
    public async Task A_normal_mp4_and_a_real_quicktime_mov_still_edit(string file)
    {
        using var api = new Api(fx.Server.BaseUrl, Keys.B);
        var id = await api.CreateAsync(Api.Body(fx.Files.Url(file).ToString(), [fx.Files.Url("look.png").ToString()],
            "give it the colour look of the reference image"));
        var output = (await api.WaitDashScopeAsync(id)).GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "SUCCEEDED", output.ToString());
        await AssertOwnFramesAsync(api, output, expectedSeconds: 2);
    }

    [Fact]
    public async Task Uploads_of_a_real_mov_are_accepted_and_edit()
    {
        var (status, body) = await fx.UploadAsync(await File.ReadAllBytesAsync(Path.Combine(MediaFolder(), "b.mov")), "b.mov");
        Assert.True(status == 200, body.ToString());
        using var api = new Api(fx.Server.BaseUrl, Keys.B);
        var (created, answer) = await api.PostAsync(Api.ApiyiCreate, Api.Body(body.GetProperty("data").GetProperty("url").GetString()!,
            [fx.Files.Url("look.png").ToString()], "make it black and white").ToJsonString(), headers: ResolveUploads);
        Assert.Equal(200, created);
        var output = (await api.WaitDashScopeAsync(answer.GetProperty("output").GetProperty("task_id").GetString()!)).GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "SUCCEEDED", output.ToString());
    }

    [Fact]
    public void Data_folders_are_private_to_the_service_user()
    {
        foreach (var folder in new[] { fx.DataDirectory, Path.Combine(fx.DataDirectory, "results"), Path.GetDirectoryName(fx.SecretResult)! })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fx.SecretResult));
    }

    /// <summary>The result is B's own clip: B's length, and not A's red.</summary>
    private static async Task AssertOwnFramesAsync(Api api, JsonElement output, double expectedSeconds)
    {
        using var dir = new TempDir();
        var path = dir.File("out.mp4");
        await File.WriteAllBytesAsync(path, await api.Http.GetByteArrayAsync(new Uri(output.GetProperty("video_url").GetString()!)));
        using var probe = await Probe.FfprobeJsonAsync(path);
        var seconds = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, expectedSeconds - 0.2, expectedSeconds + 0.2);
        var frame = await FrameReader.ReadAsync(path, 1.0);
        var (r, g, b) = frame.MeanRgb();
        Assert.False(r > 150 && g < 80 && b < 80, $"the output is red ({r:0},{g:0},{b:0}): another tenant's frames");
    }

    private string MediaFolder() => Path.Combine(Path.GetDirectoryName(fx.DataDirectory)!, "media");
}
