using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>Person kept in colour, everything else black-and-white (BT.601 luma, as OpenCV's BGR2GRAY).</summary>
public sealed class BackgroundGrayscaleProcessor(PersonMaskTracker tracker, FrameContext context)
    : BackgroundCompositeProcessor(tracker, context)
{
    private readonly Mat _gray = new();
    private readonly Mat _background = new();

    protected override string EditName => "black-and-white background";

    protected override Mat Background(Mat frame, Mat mask)
    {
        Cv2.CvtColor(frame, _gray, ColorConversionCodes.BGR2GRAY);
        Cv2.CvtColor(_gray, _background, ColorConversionCodes.GRAY2BGR);
        return _background;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gray.Dispose();
            _background.Dispose();
        }
        base.Dispose(disposing);
    }
}
