using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>Person in front of a reference image, scaled once to cover the frame (no distortion, centred crop).</summary>
public sealed class BackgroundReplaceProcessor : BackgroundCompositeProcessor
{
    private readonly Mat _background;

    public BackgroundReplaceProcessor(PersonMaskTracker tracker, FrameContext context, Mat reference)
        : base(tracker, context)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _background = CoverScaler.Cover(reference, FrameSize);
    }

    protected override string EditName => "background replacement";

    protected override Mat Background(Mat frame, Mat mask) => _background;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _background.Dispose();
        }
        base.Dispose(disposing);
    }
}
