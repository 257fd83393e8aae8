using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>Background removed to one solid colour (e.g. a green screen).</summary>
public sealed class BackgroundSolidProcessor(PersonMaskTracker tracker, FrameContext context, byte r, byte g, byte b)
    : BackgroundCompositeProcessor(tracker, context)
{
    private readonly Mat _background = new(context.Height, context.Width, MatType.CV_8UC3, new Scalar(b, g, r));

    protected override string EditName => "background removal";

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
