using Recut.Engines.Local;
using Recut.Engines.Pipeline;
using Recut.Engines.Tests.Support;
using Recut.Media;
using Recut.Media.Fetching;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Pipeline;

public sealed class EditPipelineTests
{
    private static Task<EditResult> RunAsync(TempDir dir, string video, IReadOnlyList<string> refs, string prompt, IInputResolver? inputs = null) =>
        new EditPipeline(new LocalEditEngine([])).RunAsync(Guid.NewGuid(),
            new EditRequest { VideoUrl = video, ReferenceImageUrls = refs, Prompt = prompt }, inputs ?? new LocalFileInputResolver(),
            dir.File("work"), dir.File("out.mp4"), NullEditObserver.Instance, CancellationToken.None);

    [Theory]
    [InlineData("make it 2x faster", 2.5)]
    [InlineData("only the first 3 seconds", 3.0)]
    public async Task A_time_edit_that_shortens_the_clip_is_not_taken_for_a_truncated_input(string prompt, double seconds)
    {
        using var dir = new TempDir();
        var clip = await SharedMedia.MakeClipAsync(dir.File("five.mp4"), "testsrc2=size=640x360:rate=30,format=yuv420p", 5, withAudio: true);
        var result = await RunAsync(dir, clip, [], prompt);
        Assert.Equal(seconds, result.OutputVideoDuration, 1);
        Assert.Equal(seconds, result.PlannedOutputDuration!.Value, 2);
    }

    [Fact]
    public void A_result_shorter_than_the_engine_planned_still_fails()
    {
        var request = new EditRequest { VideoUrl = "v.mp4", ReferenceImageUrls = [], Prompt = "make it 2x faster" };
        var video = new Recut.Media.Probing.MediaInfo { FormatName = "mov,mp4", DurationSeconds = 10, Width = 1280, Height = 720 };
        OutputCompleteness.Ensure(request, video, Result(output: 4.98, planned: 5));
        var e = Assert.Throws<MediaException>(() => OutputCompleteness.Ensure(request, video, Result(output: 2.0, planned: 5)));
        Assert.Equal("InvalidFile.Openerror", e.Code);
        Assert.Throws<MediaException>(() => OutputCompleteness.Ensure(request, video, Result(output: 5, planned: null)));
    }

    private static EditResult Result(double output, double? planned) =>
        new() { InputVideoDuration = 10, OutputVideoDuration = output, PlannedOutputDuration = planned, Width = 1280, Height = 720 };

    [Fact]
    public async Task Too_short_video_fails_with_its_duration()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<MediaException>(async () => await RunAsync(dir, await SharedMedia.ShortClipAsync(), [], "sepia"));
        Assert.Equal("InvalidFile.Duration", e.Code);
        Assert.False(File.Exists(dir.File("out.mp4")));
    }

    [Fact]
    public async Task A_text_file_is_not_a_video()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("fake.mp4"), "<html><body>not found</body></html>");
        var e = await Assert.ThrowsAsync<MediaException>(() => RunAsync(dir, dir.File("fake.mp4"), [], "sepia"));
        Assert.Equal("InvalidFile.Format", e.Code);
    }

    [Fact]
    public async Task A_tiny_reference_image_fails_the_resolution_rule()
    {
        using var dir = new TempDir();
        var tiny = await TestMedia.ImageAsync(dir.File("tiny.png"), 100, 100);
        var e = await Assert.ThrowsAsync<MediaException>(async () => await RunAsync(dir, await SharedMedia.ClipAsync(), [tiny], "put the logo top right"));
        Assert.Equal("InvalidFile.Resolution", e.Code);
    }

    [Fact]
    public async Task A_missing_file_is_reported()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<MediaException>(() => RunAsync(dir, dir.File("nope.mp4"), [], "sepia"));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_impossible_instruction_fails_before_rendering()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<ApiErrorException>(async () => await RunAsync(dir, await SharedMedia.ClipAsync(), [], "make the person dance"));
        Assert.Equal(ErrorCodes.UnsupportedEdit, e.Error.Code);
        Assert.False(File.Exists(dir.File("out.mp4")));
    }

    [Fact]
    public async Task Only_http_urls_are_fetched()
    {
        using var dir = new TempDir();
        using var fetcher = new HttpMediaFetcher();
        var resolver = new FetchingInputResolver(fetcher);
        foreach (var url in new[] { "file:///etc/passwd", "ftp://example.com/a.mp4", "/tmp/a.mp4" })
        {
            var e = await Assert.ThrowsAsync<MediaException>(() => resolver.ResolveAsync(url, MediaKind.Video, dir.File("x"), CancellationToken.None));
            Assert.Equal("InvalidURL", e.Code);
        }
    }

    [Fact]
    public async Task Inputs_are_fetched_over_http_checked_and_edited()
    {
        using var served = new TempDir();
        File.Copy(await SharedMedia.ClipAsync(), served.File("clip.mp4"));
        File.Copy(await SharedMedia.RedLogoAsync(), served.File("logo.png"));
        await using var server = await StaticFileServer.StartAsync(served.Path);
        using var fetcher = new HttpMediaFetcher(new FetchOptions { AllowPrivateAddresses = true });
        using var dir = new TempDir();

        var result = await RunAsync(dir, server.Url("clip.mp4").ToString(), [server.Url("logo.png").ToString()],
            "put the logo in the bottom-right corner", new FetchingInputResolver(fetcher));

        Assert.Equal((1280, 720), (result.Width, result.Height));
        var frame = await FrameReader.ReadAsync(dir.File("out.mp4"), 1.0);
        var (r, g, b) = frame.MeanRgb(1280 - 22 - 115 - 30, 720 - 22 - 115 - 30, 60, 60);
        Assert.True(r > 190 && g < 70 && b < 70, $"logo core is {r:0},{g:0},{b:0}");
    }
}
