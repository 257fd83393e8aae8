using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;
using Recut.Protocol.Errors;

namespace Recut.Engines.Tests.Support;

/// <summary>
/// A test-only frame step: inverts the rectangle (100,100)-(300,200), and paints a white 8 px column at
/// x = 16 × frameIndex (mod width) so the output shows which frame is where. Records what it saw.
/// </summary>
internal sealed class StampingFrameProcessor(FrameContext context, int failAtFrame = -1, bool failOnComplete = false) : IFrameProcessor
{
    public const int StampWidth = 8, StampStep = 16;

    public List<int> FrameIndices { get; } = [];
    public int Completed { get; private set; }
    public bool Disposed { get; private set; }

    public static int StampX(int frameIndex, int width) => (frameIndex * StampStep) % (width - StampWidth);

    public void Process(Span<byte> bgr, int frameIndex)
    {
        if (frameIndex == failAtFrame)
        {
            throw new InvalidOperationException($"test processor fails at frame {frameIndex}");
        }
        FrameIndices.Add(frameIndex);
        var w = context.Width;
        for (var y = 100; y < 200; y++)
        {
            for (var x = 100; x < 300; x++)
            {
                var i = ((y * w) + x) * 3;
                bgr[i] = (byte)(255 - bgr[i]);
                bgr[i + 1] = (byte)(255 - bgr[i + 1]);
                bgr[i + 2] = (byte)(255 - bgr[i + 2]);
            }
        }
        var x0 = StampX(frameIndex, w);
        for (var y = 400; y < context.Height; y++)
        {
            bgr.Slice(((y * w) + x0) * 3, StampWidth * 3).Fill(255);
        }
    }

    public void Complete()
    {
        Completed++;
        if (failOnComplete)
        {
            throw new ApiErrorException(ErrorCodes.NoPersonFound, "test processor found no person");
        }
    }

    public void Dispose() => Disposed = true;
}

/// <summary>Answers for <see cref="BackgroundBlurOp"/> ("blur the background") with a <see cref="StampingFrameProcessor"/>.</summary>
internal sealed class StampingFactory(int failAtFrame = -1, bool failOnComplete = false) : IFrameProcessorFactory
{
    public List<StampingFrameProcessor> Created { get; } = [];

    public bool CanCreate(FrameOperation operation) => operation is BackgroundBlurOp;

    public IFrameProcessor Create(FrameOperation operation, FrameContext context)
    {
        var p = new StampingFrameProcessor(context, failAtFrame, failOnComplete);
        Created.Add(p);
        return p;
    }
}
