using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Skin as a box in YCrCb chroma. Starts with a generic range and, once a face is seen, narrows to that
/// face's own Cr/Cb (mean ± 2.5σ, within 8..16), which keeps orange or beige clothing from passing as skin.
/// </summary>
public sealed class SkinModel : IDisposable
{
    private const double GenericCrLow = 135, GenericCrHigh = 175, GenericCbLow = 80, GenericCbHigh = 130;
    private const double MinY = 35;
    private readonly Mat _ycrcb = new();

    public bool Adapted { get; private set; }

    public double CrMean { get; private set; } = (GenericCrLow + GenericCrHigh) / 2;

    public double CbMean { get; private set; } = (GenericCbLow + GenericCbHigh) / 2;

    public double CrTolerance { get; private set; } = (GenericCrHigh - GenericCrLow) / 2;

    public double CbTolerance { get; private set; } = (GenericCbHigh - GenericCbLow) / 2;

    /// <summary>Learns skin chroma from the middle of a face box (work-image pixels); averages over calls.</summary>
    public void LearnFromFace(Mat bgrWork, Rect face)
    {
        ArgumentNullException.ThrowIfNull(bgrWork);
        var inner = new Rect(face.X + (face.Width * 3 / 10), face.Y + (face.Height * 3 / 10), Math.Max(2, face.Width * 2 / 5), Math.Max(2, face.Height * 2 / 5))
            .Intersect(new Rect(0, 0, bgrWork.Width, bgrWork.Height));
        if (inner.Width < 2 || inner.Height < 2)
        {
            return;
        }
        using var patch = new Mat(bgrWork, inner);
        using var ycrcb = new Mat();
        Cv2.CvtColor(patch, ycrcb, ColorConversionCodes.BGR2YCrCb);
        Cv2.MeanStdDev(ycrcb, out var mean, out var std);
        var crTol = Math.Clamp(2.5 * std.Val1, 8, 16);
        var cbTol = Math.Clamp(2.5 * std.Val2, 8, 16);
        var w = Adapted ? 0.2 : 1.0;
        CrMean += w * (mean.Val1 - CrMean);
        CbMean += w * (mean.Val2 - CbMean);
        CrTolerance += w * (crTol - CrTolerance);
        CbTolerance += w * (cbTol - CbTolerance);
        Adapted = true;
    }

    /// <summary>Writes 255 where <paramref name="bgrWork"/> looks like skin into <paramref name="skin"/> (CV_8UC1).</summary>
    public void Classify(Mat bgrWork, Mat skin)
    {
        ArgumentNullException.ThrowIfNull(bgrWork);
        Cv2.CvtColor(bgrWork, _ycrcb, ColorConversionCodes.BGR2YCrCb);
        Cv2.InRange(_ycrcb,
            new Scalar(MinY, CrMean - CrTolerance, CbMean - CbTolerance),
            new Scalar(255, CrMean + CrTolerance, CbMean + CbTolerance),
            skin);
    }

    public void Dispose() => _ycrcb.Dispose();
}
