using System.Diagnostics;
using Recut.Engines.Local.Frames;

namespace Recut.Bench.Person;

/// <summary>Wraps a frame processor and adds up the time spent inside it (the C# share of a render).</summary>
public sealed class TimedProcessor(IFrameProcessor inner) : IFrameProcessor
{
    private readonly Stopwatch _watch = new();

    public TimeSpan Elapsed => _watch.Elapsed;

    public int Frames { get; private set; }

    public void Process(Span<byte> bgr, int frameIndex)
    {
        _watch.Start();
        inner.Process(bgr, frameIndex);
        _watch.Stop();
        Frames++;
    }

    public void Complete() => inner.Complete();

    public void Dispose() => inner.Dispose();
}
