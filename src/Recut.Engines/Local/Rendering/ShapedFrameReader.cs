using System.Buffers;
using Recut.Engines.Local.Frames;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// The frames of a render, decoded by the same supervised decoder ffmpeg the frame pipeline runs (the same span, rate,
/// size and shaping, so frame n here is frame n of the render) and turned into BGR24; for processors that look at the
/// whole clip first (<see cref="IFrameProcessorFactory.CreateAsync"/>). Reports decoded frames over expected frames.
/// </summary>
public sealed class ShapedFrameReader(LocalMedia video, RenderSpec spec, ProgressTracker? progress = null) : IFrameSource
{
    public int ExpectedFrames => spec.ExpectedFrames;

    /// <summary>Frames the last <see cref="ReadAllAsync"/> decoded, handed over or not.</summary>
    public int Decoded { get; private set; }

    /// <summary>Whether a processor read the clip (so the render is the second of two passes).</summary>
    public bool WasRead { get; private set; }

    public async Task ReadAllAsync(Func<ReadOnlyMemory<byte>, int, CancellationToken, ValueTask> onFrame, CancellationToken ct,
        Func<int, bool>? wanted = null)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        WasRead = true;
        var frames = new YuvFrames(spec.Width, spec.Height);
        await ProcessRunner.Ffmpeg.RunAsync(FilterGraphBuilder.DecoderArguments(video, spec), new ProcessRunOptions
        {
            WidePipes = true,
            ReadStdout = async (stdout, token) =>
            {
                var yuv = ArrayPool<byte>.Shared.Rent(frames.YuvBytes);
                var bgr = ArrayPool<byte>.Shared.Rent(frames.BgrBytes);
                try
                {
                    for (var index = 0; ; index++)
                    {
                        var read = await stdout.ReadAtLeastAsync(yuv.AsMemory(0, frames.YuvBytes), frames.YuvBytes, throwOnEndOfStream: false, token)
                            .ConfigureAwait(false);
                        if (read < frames.YuvBytes)
                        {
                            return; // a partial last frame is dropped, as the render drops it
                        }
                        if (wanted?.Invoke(index) != false)
                        {
                            frames.ToBgr(yuv.AsSpan(0, frames.YuvBytes), bgr.AsSpan(0, frames.BgrBytes));
                            await onFrame(bgr.AsMemory(0, frames.BgrBytes), index, token).ConfigureAwait(false);
                        }
                        Decoded = index + 1;
                        progress?.Report((index + 1) / (double)spec.ExpectedFrames);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(yuv);
                    ArrayPool<byte>.Shared.Return(bgr);
                }
            },
        }, ct).ConfigureAwait(false);
    }
}
