using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>Person kept sharp in front of a blurred copy of the frame (bokeh).</summary>
public sealed class BackgroundBlurProcessor(PersonMaskTracker tracker, FrameContext context, double strength)
    : BackgroundCompositeProcessor(tracker, context)
{
    private readonly BokehBackground _bokeh = new(new Size(context.Width, context.Height), strength);

    protected override string EditName => "background blur";

    protected override Mat Background(Mat frame, Mat mask) => _bokeh.Render(frame, mask);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bokeh.Dispose();
        }
        base.Dispose(disposing);
    }
}
