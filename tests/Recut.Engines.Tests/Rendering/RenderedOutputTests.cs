using Recut.Engines.Local.Rendering;
using Recut.Engines.Tests.Support;
using Recut.Media.Processes;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Rendering;

/// <summary>The result check that stands in for a second ffprobe: container structure, planned size and audio, the encoder's count.</summary>
public sealed class RenderedOutputTests
{
    private static readonly RenderSpec Spec = new() { Width = 1280, Height = 720, DurationSeconds = 2, KeepAudio = true };

    private static async Task<(string Output, FfmpegProgress? Encoder)> RenderAsync(TempDir dir, RenderSpec spec)
    {
        var output = dir.File("out.mp4");
        var encoder = await DirectRenderer.RenderAsync(await SharedMedia.ClipAsync(), spec, output,
            new ProgressTracker(NullEditObserver.Instance), CancellationToken.None);
        return (output, encoder);
    }

    [Fact]
    public async Task A_complete_render_passes_with_the_encoders_own_frame_count()
    {
        using var dir = new TempDir();
        var (output, encoder) = await RenderAsync(dir, Spec);

        var video = await RenderedOutput.VerifyAsync(output, Spec, encoder, CancellationToken.None);

        Assert.True(encoder is { Ended: true, Frames: 60 }, $"encoder report {encoder}");
        Assert.Equal(60, video.SampleCount);
        Assert.Equal(2, video.DurationSeconds, 2);
    }

    [Fact]
    public async Task A_truncated_render_fails()
    {
        using var dir = new TempDir();
        var (output, encoder) = await RenderAsync(dir, Spec);
        var bytes = await File.ReadAllBytesAsync(output);
        await File.WriteAllBytesAsync(output, bytes[..(bytes.Length * 9 / 10)]);

        await Assert.ThrowsAsync<InvalidDataException>(() => RenderedOutput.VerifyAsync(output, Spec, encoder, CancellationToken.None));
    }

    [Fact]
    public async Task A_frame_count_other_than_the_encoders_fails()
    {
        using var dir = new TempDir();
        var (output, encoder) = await RenderAsync(dir, Spec);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            RenderedOutput.VerifyAsync(output, Spec, encoder! with { Frames = encoder.Frames + 1 }, CancellationToken.None));
        Assert.Contains("61 frames", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encoder_that_did_not_report_its_end_fails()
    {
        using var dir = new TempDir();
        var (output, encoder) = await RenderAsync(dir, Spec);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            RenderedOutput.VerifyAsync(output, Spec, encoder! with { Ended = false }, CancellationToken.None));
    }

    [Fact]
    public async Task Another_size_or_a_lost_audio_track_fails()
    {
        using var dir = new TempDir();
        var silent = Spec with { KeepAudio = false };
        var (output, encoder) = await RenderAsync(dir, silent);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            RenderedOutput.VerifyAsync(output, silent with { Width = 960, Height = 540 }, encoder, CancellationToken.None));
        // Rendered without audio, checked against a plan that keeps it.
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => RenderedOutput.VerifyAsync(output, Spec, encoder, CancellationToken.None));
        Assert.Contains("audio", e.Message, StringComparison.Ordinal);
    }
}
