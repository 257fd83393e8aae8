using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>
/// Keeps the person and puts a background made per frame (or once) behind them. With edge refinement on (the
/// default) the matte is refined against the frame and edge colours are cleaned (<see cref="EdgeMatte"/>);
/// otherwise the upsampled, feathered model mask is blended as it is.
/// </summary>
public abstract class BackgroundCompositeProcessor : PersonFrameProcessor, IStagedFrameProcessor
{
    private readonly MaskUpsampler _upsampler = new();
    /// <summary>The tracker's mask of the last two analysed frames (by frame parity): the edit may run a frame behind.</summary>
    private readonly Mat[] _masks = [new(), new()];
    private readonly EdgeMatte? _matte;

    protected BackgroundCompositeProcessor(PersonMaskTracker tracker, FrameContext context)
        : base(tracker, context)
    {
        _matte = tracker.Options.RefineEdges ? new EdgeMatte(FrameSize, tracker.Options) : null;
    }

    /// <summary>The last frame's refined matte (CV_8UC1, frame size), or null when refinement is off: for measuring.</summary>
    public Mat? EdgeAlpha => _matte?.Alpha;

    /// <summary>
    /// A continuous CV_8UC3 frame-size background for this frame, made before the frame is changed;
    /// <paramref name="mask"/> is the frame's person mask at the tracker's size.
    /// </summary>
    protected abstract Mat Background(Mat frame, Mat mask);

    protected override void Keep(int frameIndex) => Tracker.Mask.CopyTo(_masks[frameIndex & 1]);

    protected override void Edit(Mat frame, Span<byte> pixels, int frameIndex)
    {
        var personMask = _masks[frameIndex & 1];
        var background = Background(frame, personMask);
        if (_matte is not null)
        {
            _matte.Refine(frame, personMask);
            _matte.Composite(pixels, background.AsSpan<byte>());
            return;
        }
        var mask = _upsampler.UpsampleBgr(personMask, FrameSize);
        Blend.Composite(pixels, background.AsSpan<byte>(), mask.AsSpan<byte>());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _upsampler.Dispose();
            _matte?.Dispose();
            _masks[0].Dispose();
            _masks[1].Dispose();
        }
        base.Dispose(disposing);
    }
}
