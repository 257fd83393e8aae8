using OpenCvSharp;

namespace Recut.Engines.Local.Person.Imaging;

/// <summary>
/// A blurred copy of the frame for the background, made at a reduced size (a Gaussian of about 3 px there)
/// and scaled back up: far cheaper than a full-size blur of the same radius. The blur is weighted by the
/// background mask (normalised convolution), so the person's colours do not bleed into the background as a halo.
/// </summary>
public sealed class BokehBackground : IDisposable
{
    private const double SmallSigma = 3.0;
    private const double Epsilon = 0.02;
    private readonly Size _frame;
    private readonly Size _small;
    private readonly double _sigma;
    private readonly Downscale _downscale = new();
    private readonly Mat _small8 = new();
    private readonly Mat _smallF = new();
    private readonly Mat _mask8 = new();
    private readonly Mat _weight = new();
    private readonly Mat _weight3 = new();
    private readonly Mat _weighted = new();
    private readonly Mat _plain = new();
    private readonly Mat _result8 = new();

    /// <param name="frame">Output frame size.</param>
    /// <param name="strength">0 (light) .. 1 (heavy); the Gaussian sigma is 0.6 %–3.6 % of the frame height.</param>
    public BokehBackground(Size frame, double strength)
    {
        _frame = frame;
        SigmaPixels = frame.Height * (0.006 + (0.03 * Math.Clamp(strength, 0, 1)));
        var factor = Math.Max(1.0, SigmaPixels / SmallSigma);
        _small = new Size(Math.Max(8, (int)Math.Round(frame.Width / factor)), Math.Max(8, (int)Math.Round(frame.Height / factor)));
        _sigma = SigmaPixels / factor;
    }

    /// <summary>The blur's Gaussian sigma in output pixels.</summary>
    public double SigmaPixels { get; }

    /// <summary>The frame-size blurred background (CV_8UC3, owned and reused).</summary>
    public Mat Output { get; } = new();

    /// <param name="frame">The frame (BGR24).</param>
    /// <param name="personMask">The person mask at model size (CV_8UC1, 255 = person).</param>
    public Mat Render(Mat frame, Mat personMask)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(personMask);
        _downscale.To(frame, _small8, _small);
        _small8.ConvertTo(_smallF, MatType.CV_32FC3);
        Cv2.Resize(personMask, _mask8, _small, 0, 0, InterpolationFlags.Linear);
        _mask8.ConvertTo(_weight, MatType.CV_32FC1, -1 / 255.0, 1.0);
        Cv2.CvtColor(_weight, _weight3, ColorConversionCodes.GRAY2BGR);
        Cv2.Multiply(_smallF, _weight3, _weighted);
        Cv2.GaussianBlur(_weighted, _weighted, new Size(0, 0), _sigma);
        Cv2.GaussianBlur(_weight, _weight, new Size(0, 0), _sigma);
        Cv2.GaussianBlur(_smallF, _plain, new Size(0, 0), _sigma);
        // (Σ w·c + ε·plain) / (Σ w + ε): the background-only blur where there is background nearby,
        // the plain blur deep inside a large person where there is none.
        Cv2.ScaleAdd(_plain, Epsilon, _weighted, _weighted);
        // ConvertTo's offset rather than Cv2.Add with a Scalar, which OpenCvSharp runs on a path several ms slower.
        _weight.ConvertTo(_weight, MatType.CV_32F, 1, Epsilon);
        Cv2.CvtColor(_weight, _weight3, ColorConversionCodes.GRAY2BGR);
        Cv2.Divide(_weighted, _weight3, _weighted);
        _weighted.ConvertTo(_result8, MatType.CV_8UC3);
        Cv2.Resize(_result8, Output, _frame, 0, 0, InterpolationFlags.Linear);
        return Output;
    }

    public void Dispose()
    {
        _downscale.Dispose();
        foreach (var m in new[] { _small8, _smallF, _mask8, _weight, _weight3, _weighted, _plain, _result8, Output })
        {
            m.Dispose();
        }
    }
}
