using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Recut.Engines.Local.Frames;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// Renders a plan with frame operations: a decoder ffmpeg (shaped 4:2:0 frames on stdout) → BGR24 → the frame
/// processors, in order and in place → 4:2:0 → an encoder ffmpeg (frames on stdin, the source file for its audio, then colour maps, overlays and
/// watermark). Two supervised processes joined by a small bounded queue of pooled buffers; when either side fails,
/// both are stopped and the first real error is thrown. Progress is frames written over frames expected.
/// </summary>
/// <param name="mayOverlap">
/// Given how many frame-pipeline renders this process runs now (this one included), whether this one may overlap a staged
/// processor's analysis with its edit (<see cref="IStagedFrameProcessor"/>); default <see cref="MayOverlap"/>.
/// </param>
public sealed class FramePipelineRenderer(Func<int, bool>? mayOverlap = null)
{
    private const int QueueDepth = 4;

    /// <summary>Frame-pipeline renders running in this process (all workers), for <see cref="MayOverlap"/>.</summary>
    private static int s_running;

    /// <summary>
    /// Whether a render may put the analysis of the next frame on a second thread: only while this process runs no more
    /// renders than half its cores (the default worker count). With more, the cores are already taken, and the second
    /// thread only makes the renders share them less evenly.
    /// </summary>
    public static bool MayOverlap(int running) => running * 2 <= Environment.ProcessorCount;

    /// <summary>Renders an MP4/MOV file Recut made or checked itself (benches, tests).</summary>
    public Task RenderAsync(string videoPath, RenderSpec spec, IReadOnlyList<IFrameProcessor> processors, string outputPath,
        ProgressTracker progress, CancellationToken ct) =>
        RenderAsync(LocalMedia.Mp4File(videoPath), spec, processors, outputPath, progress, ct);

    public async Task RenderAsync(LocalMedia video, RenderSpec spec, IReadOnlyList<IFrameProcessor> processors, string outputPath,
        ProgressTracker progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(processors);
        ArgumentNullException.ThrowIfNull(progress);
        var running = Interlocked.Increment(ref s_running);
        try
        {
            await RenderOnceAsync(video, spec, processors, outputPath, progress, (mayOverlap ?? MayOverlap)(running), ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }

    private static async Task RenderOnceAsync(LocalMedia video, RenderSpec spec, IReadOnlyList<IFrameProcessor> processors, string outputPath,
        ProgressTracker progress, bool overlap, CancellationToken ct)
    {
        using var run = new PipelineRun(spec, processors, progress, overlap, ct);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        var decode = run.Guard(() => ProcessRunner.Ffmpeg.RunAsync(FilterGraphBuilder.DecoderArguments(video, spec),
            new ProcessRunOptions { ReadStdout = run.DecodeAsync, WorkingDirectory = folder, WidePipes = true }, run.Token), completesQueue: true);
        var encode = run.Guard(() => ProcessRunner.Ffmpeg.RunAsync(FilterGraphBuilder.EncoderArguments(video, spec, outputPath),
            new ProcessRunOptions { WriteStdin = run.EncodeAsync, WorkingDirectory = folder, WidePipes = true }, run.Token), completesQueue: false);
        await Task.WhenAll(decode, encode).ConfigureAwait(false);
        run.ThrowIfFailed();
    }

    /// <summary>The shared state of one render: the queue, the first failure, and the cancellation both processes watch.</summary>
    private sealed class PipelineRun(RenderSpec spec, IReadOnlyList<IFrameProcessor> processors, ProgressTracker progress, bool overlap,
        CancellationToken outer)
        : IDisposable
    {
        private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        private readonly Channel<byte[]> _queue = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(QueueDepth) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly YuvFrames _frames = new(spec.Width, spec.Height);
        private readonly FrameBuffers _yuv = new(new YuvFrames(spec.Width, spec.Height).YuvBytes);
        private readonly FrameBuffers _bgr = new(new YuvFrames(spec.Width, spec.Height).BgrBytes);
        private Exception? _failure;
        private int _decoded;

        public CancellationToken Token => _cts.Token;

        /// <summary>Runs one side; its first failure is remembered and stops the other side. Never throws.</summary>
        public async Task Guard(Func<Task> side, bool completesQueue)
        {
            try
            {
                await side().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                if (completesQueue)
                {
                    _queue.Writer.TryComplete();
                }
            }
        }

        public async Task DecodeAsync(Stream stdout, CancellationToken ct)
        {
            try
            {
                if (overlap && processors is [IStagedFrameProcessor staged])
                {
                    await DecodeOverlappedAsync(stdout, staged, ct).ConfigureAwait(false);
                }
                else
                {
                    await DecodeInTurnAsync(stdout, ct).ConfigureAwait(false);
                }
                if (_decoded == 0)
                {
                    throw new InvalidOperationException("the decoder produced no frames");
                }
                foreach (var p in processors)
                {
                    p.Complete();
                }
            }
            catch (Exception e)
            {
                // Record the cause before ffmpeg is stopped, so the cancellation that follows does not mask it.
                Fail(e);
                throw;
            }
        }

        /// <summary>Each frame through every processor in order, then to the encoder.</summary>
        private async Task DecodeInTurnAsync(Stream stdout, CancellationToken ct)
        {
            // One BGR frame serves the whole render: each frame is converted back before the next is read.
            var bgr = processors.Count > 0 ? _bgr.Rent() : null;
            try
            {
                while (await ReadFrameAsync(stdout, ct).ConfigureAwait(false) is { } buffer)
                {
                    if (bgr is not null)
                    {
                        try
                        {
                            var frame = bgr.AsSpan(0, _frames.BgrBytes);
                            _frames.ToBgr(buffer, frame);
                            foreach (var p in processors)
                            {
                                p.Process(frame, _decoded);
                            }
                            _frames.ToYuv(frame, buffer);
                        }
                        catch
                        {
                            _yuv.Return(buffer);
                            throw;
                        }
                    }
                    _decoded++;
                    await _queue.Writer.WriteAsync(buffer, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (bgr is not null)
                {
                    _bgr.Return(bgr);
                }
            }
        }

        /// <summary>
        /// One staged processor: the analysis of frame n (the model passes) runs on the thread pool while frame n − 1 is
        /// edited here, so the two halves of a person edit overlap on two cores. The conversion to BGR24 is part of the
        /// analysis; the one back to 4:2:0 is part of the edit.
        /// </summary>
        private async Task DecodeOverlappedAsync(Stream stdout, IStagedFrameProcessor staged, CancellationToken ct)
        {
            var frames = _frames;
            PipelineFrame? analysed = null;   // analysed, waiting for its edit
            PipelineFrame? analysing = null;  // its analysis is running
            Task? analysis = null;
            try
            {
                while (await ReadFrameAsync(stdout, ct).ConfigureAwait(false) is { } buffer)
                {
                    var index = _decoded++;
                    var frame = new PipelineFrame(buffer, _bgr.Rent());
                    analysing = frame;
                    analysis = Task.Run(() =>
                    {
                        var bgr = frame.Bgr.AsSpan(0, frames.BgrBytes);
                        frames.ToBgr(frame.Yuv, bgr);
                        staged.Analyse(bgr, index);
                    }, ct);
                    if (analysed is { } ready)
                    {
                        analysed = null; // handed over
                        await EditAndQueueAsync(staged, ready, index - 1, ct).ConfigureAwait(false);
                    }
                    await analysis.ConfigureAwait(false);
                    analysis = null;
                    (analysed, analysing) = (analysing, null);
                }
                if (analysed is { } last)
                {
                    analysed = null; // handed over
                    await EditAndQueueAsync(staged, last, _decoded - 1, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                // A failed edit must not leave an analysis running on a processor that is about to be disposed.
                if (analysis is not null)
                {
                    await analysis.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                        .ConfigureAwait(false);
                }
                foreach (var unsent in new[] { analysed, analysing })
                {
                    if (unsent is not null)
                    {
                        _yuv.Return(unsent.Yuv);
                        _bgr.Return(unsent.Bgr);
                    }
                }
            }
        }

        /// <summary>
        /// Edits an analysed frame, converts it back to 4:2:0 and queues it. The caller hands the frame over: from here on
        /// it is this method's to return to the pool or to queue, whatever happens.
        /// </summary>
        private async Task EditAndQueueAsync(IStagedFrameProcessor staged, PipelineFrame frame, int index, CancellationToken ct)
        {
            try
            {
                var bgr = frame.Bgr.AsSpan(0, _frames.BgrBytes);
                staged.Apply(bgr, index);
                _frames.ToYuv(bgr, frame.Yuv);
            }
            catch
            {
                _yuv.Return(frame.Yuv);
                throw;
            }
            finally
            {
                _bgr.Return(frame.Bgr);
            }
            try
            {
                await _queue.Writer.WriteAsync(frame.Yuv, ct).ConfigureAwait(false);
            }
            catch
            {
                _yuv.Return(frame.Yuv);
                throw;
            }
        }

        /// <summary>The next whole frame in a pooled buffer, or null at the end of the stream.</summary>
        private async Task<byte[]?> ReadFrameAsync(Stream stdout, CancellationToken ct)
        {
            var bytes = _frames.YuvBytes;
            var buffer = _yuv.Rent();
            var read = await stdout.ReadAtLeastAsync(buffer.AsMemory(0, bytes), bytes, throwOnEndOfStream: false, ct)
                .ConfigureAwait(false);
            if (read == bytes)
            {
                return buffer;
            }
            _yuv.Return(buffer);
            if (read > 0)
            {
                throw new InvalidOperationException($"the decoder ended inside a frame ({read} of {bytes} bytes)");
            }
            return null;
        }

        public async Task EncodeAsync(Stream stdin, CancellationToken ct)
        {
            var written = 0;
            var expected = spec.ExpectedFrames;
            await foreach (var buffer in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await stdin.WriteAsync(buffer.AsMemory(0, _frames.YuvBytes), ct).ConfigureAwait(false);
                }
                finally
                {
                    _yuv.Return(buffer);
                }
                written++;
                progress.Report(written / (double)expected);
            }
            if (_failure is not null)
            {
                // The decoder failed: close stdin only after the process is stopped, never as a clean end of input.
                throw new OperationCanceledException(ct);
            }
        }

        public void ThrowIfFailed()
        {
            outer.ThrowIfCancellationRequested();
            if (_failure is { } e)
            {
                ExceptionDispatchInfo.Capture(e).Throw();
            }
        }

        public void Dispose()
        {
            while (_queue.Reader.TryRead(out var leftover))
            {
                _yuv.Return(leftover);
            }
            _cts.Dispose();
        }

        private void Fail(Exception e)
        {
            var secondary = e is OperationCanceledException && _cts.IsCancellationRequested;
            if (!secondary)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            try
            {
                _cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}

/// <summary>One frame in flight in the overlapped path: its 4:2:0 pipe buffer and the BGR24 buffer the processor works on.</summary>
internal sealed record PipelineFrame(byte[] Yuv, byte[] Bgr);
