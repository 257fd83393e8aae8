using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// Hostile media ends as a FAILED task with the right code — never a success, a 500, a hung worker or a stuck task —
/// and the server goes on serving.
/// </summary>
public sealed class HostileMediaTests(HostileMediaFixture fx) : IClassFixture<HostileMediaFixture>
{
    [Theory]
    [InlineData("empty.mp4", "video", "InvalidFile.")]
    [InlineData("truncated.mp4", "video", "InvalidFile.Openerror")]
    [InlineData("corrupt.mp4", "video", "InvalidFile.Openerror")]
    [InlineData("audio-only.mp4", "video", "InvalidFile.Openerror")]
    [InlineData("page.mp4", "video", "InvalidFile.Format")]
    [InlineData("hour.mp4", "video", "InvalidFile.Duration")]
    [InlineData("huge.png", "image", "InvalidFile.Resolution")]
    [InlineData("drip.mp4", "video", "InvalidURL.Timeout")]
    [InlineData("to-metadata.mp4", "video", "InvalidURL")]
    [InlineData("hop0.mp4", "video", "InvalidParameter.DataInspection")]
    public async Task Hostile_input_fails_the_task_with_its_code(string file, string role, string expectedCode)
    {
        using var api = new Api(fx.Server.BaseUrl);
        var video = role == "video" ? fx.Files.Url(file) : fx.Files.Url("good.mp4");
        var image = role == "image" ? fx.Files.Url(file) : fx.Files.Url("look.png");
        var started = DateTime.UtcNow;
        var id = await api.CreateAsync(Api.Body(video.ToString(), [image.ToString()], "make it black and white"));
        var ds = await api.WaitDashScopeAsync(id, TimeSpan.FromSeconds(90));
        var output = ds.GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "FAILED", ds.ToString());
        var code = output.GetProperty("code").GetString()!;
        Assert.True(expectedCode.EndsWith('.') ? code.StartsWith(expectedCode, StringComparison.Ordinal) : code == expectedCode,
            $"{file}: expected {expectedCode}, got {code}: {output.GetProperty("message").GetString()}");
        Assert.False(string.IsNullOrWhiteSpace(output.GetProperty("message").GetString()));
        LeakCheck.AssertClean(output.GetProperty("message").GetString(), file, video.ToString(), image.ToString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "a hostile input held a worker too long");
    }

    [Fact]
    public async Task A_logo_whose_pixels_do_not_decode_fails_naming_it_instead_of_succeeding_without_it()
    {
        using var api = new Api(fx.Server.BaseUrl);
        var id = await api.CreateAsync(Api.Body(fx.Files.Url("good.mp4").ToString(),
            [fx.Files.Url("look.png").ToString(), fx.Files.Url("damaged.png").ToString()], "Put image 2 in the top-right corner"));
        var output = (await api.WaitDashScopeAsync(id, TimeSpan.FromSeconds(90))).GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "FAILED", output.ToString());
        Assert.Equal("InvalidFile.Openerror", output.GetProperty("code").GetString());
        var message = output.GetProperty("message").GetString();
        Assert.Equal("Reference image 2 could not be decoded as PNG: it is damaged or not an image.", message);
        LeakCheck.AssertClean(message, "damaged logo");
    }

    [Fact]
    public async Task A_look_image_whose_pixels_do_not_decode_fails_instead_of_a_look_from_half_an_image()
    {
        using var api = new Api(fx.Server.BaseUrl);
        var id = await api.CreateAsync(Api.Body(fx.Files.Url("good.mp4").ToString(), [fx.Files.Url("damaged.png").ToString()],
            "give the video the colour look of the reference image"));
        var output = (await api.WaitDashScopeAsync(id, TimeSpan.FromSeconds(90))).GetProperty("output");
        Assert.True(output.GetProperty("task_status").GetString() == "FAILED", output.ToString());
        Assert.Equal("InvalidFile.Openerror", output.GetProperty("code").GetString());
        Assert.Equal("The reference image 1 cannot be decoded: it is damaged or incomplete.", output.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_metadata_address_is_refused_without_sending_anything()
    {
        using var api = new Api(fx.Server.BaseUrl);
        var id = await api.CreateAsync(Api.Body("http://169.254.169.254/latest/meta-data/a.mp4", [fx.Files.Url("look.png").ToString()], "make it sepia"));
        var ds = await api.WaitDashScopeAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("InvalidURL", ds.GetProperty("output").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_server_still_edits_after_hostile_inputs()
    {
        using var api = new Api(fx.Server.BaseUrl);
        var bad = await api.CreateAsync(Api.Body(fx.Files.Url("corrupt.mp4").ToString(), [fx.Files.Url("look.png").ToString()], "make it sepia"));
        var good = await api.CreateAsync(Api.Body(fx.Files.Url("good.mp4").ToString(), [fx.Files.Url("look.png").ToString()], "make it sepia"));
        Assert.Equal("FAILED", (await api.WaitDashScopeAsync(bad)).GetProperty("output").GetProperty("task_status").GetString());
        Assert.Equal("SUCCEEDED", (await api.WaitDashScopeAsync(good)).GetProperty("output").GetProperty("task_status").GetString());
        var (_, running) = await api.GetAsync("api/v1/tasks?status=RUNNING");
        Assert.Equal(0, running.GetProperty("total").GetInt32());
    }
}
