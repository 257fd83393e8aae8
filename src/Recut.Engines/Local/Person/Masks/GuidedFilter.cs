using OpenCvSharp;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// He, Sun and Tang's guided filter with a grey guide, in float at one size: the output is locally an affine
/// function of the guide's brightness (q = ā·I + b̄), so the coarse mask's soft edge snaps to the image's own
/// edges — hair and shoulder outlines the 256×144 model cannot see. Box filters only: a few passes over the
/// guide, whatever the radius. All buffers are kept between frames.
/// </summary>
public sealed class GuidedFilter(int radius, double epsilon) : IDisposable
{
    private readonly Size _box = new((2 * radius) + 1, (2 * radius) + 1);
    private readonly Mat _meanI = new();
    private readonly Mat _meanP = new();
    private readonly Mat _corrIp = new();
    private readonly Mat _varI = new();
    private readonly Mat _tmp = new();
    private readonly Mat _a = new();
    private readonly Mat _b = new();

    /// <summary>Filters <paramref name="p"/> guided by <paramref name="guide"/> (both CV_32FC1 0..1, same size) into <paramref name="q"/>.</summary>
    public void Apply(Mat guide, Mat p, Mat q)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Box(guide, _meanI);
        Box(p, _meanP);
        Cv2.Multiply(guide, p, _tmp);
        Box(_tmp, _corrIp);
        Cv2.Multiply(guide, guide, _tmp);
        Box(_tmp, _varI);
        // var(I) = E[I²] − E[I]², cov(I, p) = E[Ip] − E[I]E[p]
        Cv2.Multiply(_meanI, _meanI, _tmp);
        Cv2.Subtract(_varI, _tmp, _varI);
        Cv2.Multiply(_meanI, _meanP, _tmp);
        Cv2.Subtract(_corrIp, _tmp, _corrIp);
        // ConvertTo's offset rather than Cv2.Add with a Scalar, which OpenCvSharp runs on a path several ms slower.
        _varI.ConvertTo(_varI, MatType.CV_32F, 1, epsilon);
        Cv2.Divide(_corrIp, _varI, _a);
        Cv2.Multiply(_a, _meanI, _tmp);
        Cv2.Subtract(_meanP, _tmp, _b);
        Box(_a, _tmp);
        Cv2.Multiply(_tmp, guide, q);
        Box(_b, _tmp);
        Cv2.Add(q, _tmp, q);
    }

    private void Box(Mat source, Mat destination) =>
        Cv2.BoxFilter(source, destination, MatType.CV_32F, _box, new Point(-1, -1), true, BorderTypes.Reflect);

    public void Dispose()
    {
        _meanI.Dispose();
        _meanP.Dispose();
        _corrIp.Dispose();
        _varI.Dispose();
        _tmp.Dispose();
        _a.Dispose();
        _b.Dispose();
    }
}
