using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>Keeps the person and puts a background made per frame (or once) behind them, blended through the feathered mask.</summary>
public abstract class BackgroundCompositeProcessor(PersonMaskTracker tracker, FrameContext context)
    : PersonFrameProcessor(tracker, context)
{
    private readonly MaskUpsampler _upsampler = new();

    /// <summary>A continuous CV_8UC3 frame-size background for this frame, made before the frame is changed.</summary>
    protected abstract Mat Background(Mat frame);

    protected override void Edit(Mat frame, Span<byte> pixels, int frameIndex)
    {
        var background = Background(frame);
        var mask = _upsampler.UpsampleBgr(Tracker.Mask, FrameSize);
        Blend.Composite(pixels, background.AsSpan<byte>(), mask.AsSpan<byte>());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _upsampler.Dispose();
        }
        base.Dispose(disposing);
    }
}
