using System.Diagnostics;
using Recut.Engines.Tests.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Rendering;

/// <summary>The decoder → C# frame step → encoder path, driven by the engine with a test-only frame processor.</summary>
public sealed class FramePipelineTests
{
    [Fact]
    public async Task Frames_pass_through_the_processor_in_order_and_audio_is_kept()
    {
        var factory = new StampingFactory();
        using var run = await EngineRuns.RunEngineAsync(await SharedMedia.ShortClipAsync(), [await SharedMedia.RedLogoAsync()],
            "blur the background and make it black and white, and put the logo in the top-right corner", factories: [factory]);
        var p = Assert.Single(factory.Created);
        Assert.Equal(Enumerable.Range(0, 30), p.FrameIndices);
        Assert.Equal(1, p.Completed);
        Assert.True(p.Disposed);

        foreach (var index in new[] { 3, 15, 27 })
        {
            var baseline = await FrameReader.ReadAsync(await SharedMedia.ShortBaselineAsync(), index / 30.0);
            var frame = await FrameReader.ReadAsync(run.Output, index / 30.0);
            var stamp = StampingFrameProcessor.StampX(index, 1280);
            var (r, g, b) = frame.MeanRgb(stamp + 2, 450, StampingFrameProcessor.StampWidth - 4, 200);
            Assert.True(r > 230 && g > 230 && b > 230, $"frame {index}: no stamp at x={stamp}");
            // The inverted rectangle: far from the unedited picture; the grey look ran after the frame step.
            Assert.True(Pixels.RegionDiff(frame, baseline, 120, 120, 160, 60) > 40);
            Assert.True(Pixels.GreyDeviation(Crop(frame, 0, 300, 1280, 420)) < 3, "the black-and-white look did not run");
            // The logo goes on after the colour look, from the encoder's third input (after the frames and the audio).
            var logo = frame.MeanRgb(1280 - 22 - 115 - 30, 22 + 115 - 30, 60, 60);
            Assert.True(logo.R > 190 && logo.G < 70 && logo.B < 70, $"logo core is {logo}");
        }
        using var probe = await Probe.FfprobeJsonAsync(run.Output);
        Assert.Contains(probe.RootElement.GetProperty("streams").EnumerateArray(), s => s.GetProperty("codec_type").GetString() == "audio");
        Assert.Equal(1.0, run.Observer.Progress[^1]);
        Assert.StartsWith("Edit plan: (1) keep the person sharp and blur the background; (2) turn the picture black-and-white; "
            + "(3) place reference image 1 in the top-right corner", run.Observer.Plan, StringComparison.Ordinal);
    }

    /// <summary>The renderer alone, on the shared 1 s clip at 1280×720, with the overlap allowed or not.</summary>
    private static async Task<string> RenderStagedAsync(TempDir dir, StagedStampingProcessor processor, bool overlap)
    {
        var output = Path.Combine(dir.Path, "staged.mp4");
        var spec = new Local.Rendering.RenderSpec { Width = 1280, Height = 720, DurationSeconds = 1 };
        await new Local.Rendering.FramePipelineRenderer(_ => overlap).RenderAsync(await SharedMedia.ShortClipAsync(), spec, [processor], output,
            new Local.Rendering.ProgressTracker(NullEditObserver.Instance), CancellationToken.None);
        return output;
    }

    private static StagedStampingProcessor Staged(int failAnalysisAt = -1, int failApplyAt = -1) =>
        new(new Local.Frames.FrameContext(1280, 720, 30, [], 0, Path.GetTempPath()), failAnalysisAt, failApplyAt);

    [Fact]
    public async Task A_staged_processor_analyses_the_next_frame_while_this_one_is_edited()
    {
        using var dir = new TempDir();
        var p = Staged();
        var output = await RenderStagedAsync(dir, p, overlap: true);
        Assert.Empty(p.Violations);
        Assert.Equal(Enumerable.Range(0, 30), p.FrameIndices);
        // Analysis of frame n starts once frame n − 2 is edited, never earlier (two analyses kept, no more).
        Assert.Equal(2, p.MaxLead);
        Assert.True(p.Overlapped, "no analysis ever ran while a frame was edited");
        foreach (var index in new[] { 0, 14, 29 })
        {
            var frame = await FrameReader.ReadAsync(output, index / 30.0);
            var stamp = StampingFrameProcessor.StampX(index, 1280);
            var (r, g, b) = frame.MeanRgb(stamp + 2, 450, StampingFrameProcessor.StampWidth - 4, 200);
            Assert.True(r > 230 && g > 230 && b > 230, $"frame {index}: no stamp at x={stamp}, so it was not edited or not in its place");
        }
    }

    [Fact]
    public async Task Without_the_overlap_a_staged_processor_runs_each_frame_in_turn()
    {
        using var dir = new TempDir();
        var p = Staged();
        await RenderStagedAsync(dir, p, overlap: false);
        Assert.Empty(p.Violations);
        Assert.Equal(Enumerable.Range(0, 30), p.FrameIndices);
        Assert.Equal(1, p.MaxLead);
        Assert.False(p.Overlapped);
    }

    [Fact]
    public void The_overlap_is_allowed_while_renders_take_no_more_than_half_the_cores()
    {
        Assert.True(Local.Rendering.FramePipelineRenderer.MayOverlap(Math.Max(1, Environment.ProcessorCount / 2)));
        Assert.False(Local.Rendering.FramePipelineRenderer.MayOverlap((Environment.ProcessorCount / 2) + 1));
    }

    [Theory]
    [InlineData(10, -1, "test analysis fails at frame 10")]
    [InlineData(-1, 10, "test edit fails at frame 10")]
    public async Task A_staged_processor_failing_in_either_half_stops_the_render(int failAnalysisAt, int failApplyAt, string message)
    {
        using var dir = new TempDir();
        var p = Staged(failAnalysisAt, failApplyAt);
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => RenderStagedAsync(dir, p, overlap: true));
        Assert.Equal(message, e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.False(p.AnalysisRunningAtFailure, "the render ended while an analysis still ran on the processor");
        Assert.Empty(p.Violations);
        // Frames before the failure were all edited, in order; none after it.
        Assert.Equal(Enumerable.Range(0, 10), p.FrameIndices);
    }

    private static RgbFrame Crop(RgbFrame f, int x0, int y0, int w, int h)
    {
        var rgb = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            Array.Copy(f.Rgb, (((y0 + y) * f.Width) + x0) * 3, rgb, y * w * 3, w * 3);
        }
        return new RgbFrame(w, h, rgb);
    }

    [Fact]
    public async Task A_failure_reported_at_completion_fails_the_edit()
    {
        var factory = new StampingFactory(failOnComplete: true);
        var e = await Assert.ThrowsAsync<ApiErrorException>(async () =>
            await EngineRuns.RunEngineAsync(await SharedMedia.ShortClipAsync(), [], "blur the background", factories: [factory]));
        Assert.Equal(ErrorCodes.NoPersonFound, e.Error.Code);
        Assert.True(factory.Created.Single().Disposed);
    }

    [Fact]
    public async Task A_processor_crash_stops_both_processes_and_surfaces_the_crash()
    {
        var factory = new StampingFactory(failAtFrame: 10);
        var clip = await SharedMedia.ShortClipAsync();
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await EngineRuns.RunEngineAsync(clip, [], "blur the background", factories: [factory]));
        Assert.Contains("frame 10", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(Enumerable.Range(0, 10), factory.Created.Single().FrameIndices);
    }

    [Fact]
    public async Task Cancellation_ends_the_render()
    {
        var factory = new SlowFactory();
        var clip = await SharedMedia.ShortClipAsync(); // made before the clock starts: it is not what is measured
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await EngineRuns.RunEngineAsync(clip, [], "blur the background", factories: [factory], ct: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    /// <summary>A frame step slow enough (100 ms a frame) that cancellation arrives mid-render.</summary>
    private sealed class SlowFactory : Recut.Engines.Local.Frames.IFrameProcessorFactory
    {
        public bool CanCreate(Recut.Engines.Local.Plan.FrameOperation operation) => true;

        public Recut.Engines.Local.Frames.IFrameProcessor Create(Recut.Engines.Local.Plan.FrameOperation operation, Recut.Engines.Local.Frames.FrameContext context) =>
            new Slow();

        private sealed class Slow : Recut.Engines.Local.Frames.IFrameProcessor
        {
            public void Process(Span<byte> bgr, int frameIndex) => Thread.Sleep(100);

            public void Complete() { }

            public void Dispose() { }
        }
    }
}
