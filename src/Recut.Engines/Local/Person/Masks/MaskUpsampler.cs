using OpenCvSharp;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// Brings a model-size mask to frame size with bilinear interpolation. The three-channel form is made at
/// model size first (a few thousand pixels) so the full-size resize writes the blend's mask in one pass.
/// </summary>
public sealed class MaskUpsampler : IDisposable
{
    private readonly Mat _small3 = new();

    /// <summary>The last three-channel frame-size mask (CV_8UC3); reused between frames.</summary>
    public Mat Bgr { get; } = new();

    /// <summary>Writes <paramref name="modelMask"/> at <paramref name="frameSize"/> as CV_8UC3 into <see cref="Bgr"/>.</summary>
    public Mat UpsampleBgr(Mat modelMask, Size frameSize)
    {
        ArgumentNullException.ThrowIfNull(modelMask);
        Cv2.CvtColor(modelMask, _small3, ColorConversionCodes.GRAY2BGR);
        Cv2.Resize(_small3, Bgr, frameSize, 0, 0, InterpolationFlags.Linear);
        return Bgr;
    }

    /// <summary>Single-channel frame-size mask (for measuring; blends use <see cref="UpsampleBgr"/>).</summary>
    public static void Upsample(Mat modelMask, Mat destination, Size frameSize)
    {
        ArgumentNullException.ThrowIfNull(modelMask);
        Cv2.Resize(modelMask, destination, frameSize, 0, 0, InterpolationFlags.Linear);
    }

    public void Dispose()
    {
        _small3.Dispose();
        Bgr.Dispose();
    }
}
