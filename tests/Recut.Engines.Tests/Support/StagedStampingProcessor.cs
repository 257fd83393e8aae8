using System.Collections.Concurrent;
using Recut.Engines.Local.Frames;

namespace Recut.Engines.Tests.Support;

/// <summary>
/// A test-only staged frame step: <see cref="Analyse"/> sums a stripe of the frame (it must not write), and
/// <see cref="Apply"/> checks that the analysis it is handed belongs to the frame it edits, then stamps the frame as
/// <see cref="StampingFrameProcessor"/> does. It records the order of the calls, how far analysis ran ahead of the
/// edit, and whether an analysis and an edit ever ran at the same time (the point of staging).
/// </summary>
internal sealed class StagedStampingProcessor(FrameContext context, int failAnalysisAt = -1, int failApplyAt = -1) : IStagedFrameProcessor
{
    private readonly StampingFrameProcessor _stamp = new(context);
    private readonly long[] _sums = new long[2];
    private readonly int[] _sumOf = [-1, -1];
    private int _analysing;
    private int _applying;
    private int _lastAnalysed = -1;
    private int _lastApplied = -1;

    public ConcurrentQueue<string> Calls { get; } = new();
    public int MaxLead { get; private set; }
    public bool Overlapped { get; private set; }
    public List<string> Violations { get; } = [];
    public bool Disposed { get; private set; }

    /// <summary>Read after a failed render: true when the renderer returned while an analysis was still running.</summary>
    public bool AnalysisRunningAtFailure => Volatile.Read(ref _analysing) > 0;

    public void Analyse(ReadOnlySpan<byte> bgr, int frameIndex)
    {
        Interlocked.Increment(ref _analysing);
        try
        {
            Calls.Enqueue($"analyse {frameIndex}");
            // How far ahead of the last finished edit this analysis starts: 2 when it overlaps the edit of the frame before.
            MaxLead = Math.Max(MaxLead, frameIndex - Volatile.Read(ref _lastApplied));
            if (frameIndex != _lastAnalysed + 1)
            {
                Violations.Add($"analysis of {frameIndex} after {_lastAnalysed}");
            }
            if (frameIndex == failAnalysisAt)
            {
                throw new InvalidOperationException($"test analysis fails at frame {frameIndex}");
            }
            // Slow enough that an edit running meanwhile is seen; the analysis running when an edit fails is much slower, so
            // a renderer that returned without waiting for it would be caught with the analysis still running.
            Thread.Sleep(failApplyAt >= 0 && frameIndex == failApplyAt + 1 ? 8000 : 5);
            Overlapped |= Volatile.Read(ref _applying) > 0;
            _sums[frameIndex & 1] = Sum(bgr);
            _sumOf[frameIndex & 1] = frameIndex;
            _lastAnalysed = frameIndex;
        }
        finally
        {
            Interlocked.Decrement(ref _analysing);
        }
    }

    public void Apply(Span<byte> bgr, int frameIndex)
    {
        Interlocked.Increment(ref _applying);
        try
        {
            Calls.Enqueue($"apply {frameIndex}");
            if (frameIndex != _lastApplied + 1 || frameIndex > _lastAnalysed)
            {
                Violations.Add($"edit of {frameIndex} after edit {_lastApplied}, analysis {_lastAnalysed}");
            }
            if (_sumOf[frameIndex & 1] != frameIndex || _sums[frameIndex & 1] != Sum(bgr))
            {
                Violations.Add($"edit of {frameIndex} was handed the analysis of frame {_sumOf[frameIndex & 1]}");
            }
            if (frameIndex == failApplyAt)
            {
                // Fail only once the next frame's analysis is under way, so there is one for the renderer to wait for.
                SpinWait.SpinUntil(() => Volatile.Read(ref _analysing) > 0, TimeSpan.FromSeconds(5));
                throw new InvalidOperationException($"test edit fails at frame {frameIndex}");
            }
            Thread.Sleep(5);
            Overlapped |= Volatile.Read(ref _analysing) > 0;
            _stamp.Process(bgr, frameIndex);
            Volatile.Write(ref _lastApplied, frameIndex);
        }
        finally
        {
            Interlocked.Decrement(ref _applying);
        }
    }

    public List<int> FrameIndices => _stamp.FrameIndices;

    public void Process(Span<byte> bgr, int frameIndex)
    {
        Analyse(bgr, frameIndex);
        Apply(bgr, frameIndex);
    }

    public void Complete() => _stamp.Complete();

    public void Dispose() => Disposed = true;

    /// <summary>A row stripe's byte sum: which frame this is, and whether it changed since it was analysed.</summary>
    private static long Sum(ReadOnlySpan<byte> bgr)
    {
        long sum = 0;
        foreach (var b in bgr.Slice(bgr.Length / 3, Math.Min(bgr.Length / 3, 1280 * 3 * 40)))
        {
            sum += b;
        }
        return sum;
    }
}
