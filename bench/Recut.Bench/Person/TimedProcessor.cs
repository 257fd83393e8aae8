using System.Diagnostics;
using Recut.Engines.Local.Frames;

namespace Recut.Bench.Person;

/// <summary>Wraps a frame processor and adds up the time spent inside it (the C# share of a render).</summary>
public class TimedProcessor(IFrameProcessor inner) : IFrameProcessor
{
    private readonly Stopwatch _watch = new();

    /// <summary>
    /// A timed wrapper the renderer treats as <paramref name="inner"/> is treated: staged (analysis of the next frame
    /// overlapping the edit of this one) when <paramref name="overlap"/> and the processor supports it, else in turn.
    /// </summary>
    public static TimedProcessor For(IFrameProcessor inner, bool overlap) =>
        overlap && inner is IStagedFrameProcessor staged ? new TimedStagedProcessor(staged) : new TimedProcessor(inner);

    /// <summary>Processor time summed over frames (with overlap, both halves' time, not the wall time they overlapped in).</summary>
    public virtual TimeSpan Elapsed => _watch.Elapsed;

    public int Frames { get; protected set; }

    public void Process(Span<byte> bgr, int frameIndex)
    {
        _watch.Start();
        inner.Process(bgr, frameIndex);
        _watch.Stop();
        Frames++;
    }

    public void Complete() => inner.Complete();

    public void Dispose()
    {
        inner.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The staged form: analysis and edit timed apart, since the renderer runs them on two threads at once.</summary>
public sealed class TimedStagedProcessor(IStagedFrameProcessor inner) : TimedProcessor(inner), IStagedFrameProcessor
{
    private readonly Stopwatch _analyse = new();
    private readonly Stopwatch _apply = new();

    public override TimeSpan Elapsed => base.Elapsed + _analyse.Elapsed + _apply.Elapsed;

    public void Analyse(ReadOnlySpan<byte> bgr, int frameIndex)
    {
        _analyse.Start();
        inner.Analyse(bgr, frameIndex);
        _analyse.Stop();
    }

    public void Apply(Span<byte> bgr, int frameIndex)
    {
        _apply.Start();
        inner.Apply(bgr, frameIndex);
        _apply.Stop();
        Frames++;
    }
}
