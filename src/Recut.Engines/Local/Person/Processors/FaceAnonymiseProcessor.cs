using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Person.Processors;

/// <summary>
/// Covers every face the analysis found (<see cref="Faces.FaceTrackBuilder"/>) in each frame: an ellipse a little larger
/// than the detected box (the detector's box stops at the brows and the chin; hair, ears and jaw identify people too),
/// pixelated into about <see cref="BlocksAcross"/> blocks across the face, or blurred so heavily that only the average
/// colours of face-sized patches are left. Both come from a copy shrunk far enough that no detail survives, so neither
/// can be undone by sharpening.
/// </summary>
public sealed class FaceAnonymiseProcessor(IReadOnlyList<Rect2f>[] faces, FrameContext context, FaceAnonymiseStyle style) : IFrameProcessor
{
    public const int BlocksAcross = 5;
    private const float Widen = 1.45f, Heighten = 1.7f;
    private readonly Mat _small = new();
    private readonly Mat _cover = new();
    private readonly Mat _mask = new();
    private readonly Mat _mask3 = new();
    private readonly Mat _original = new();

    /// <summary>The covered ellipse (centre, semi-axes) for a detected face box.</summary>
    public static RotatedRect Cover(Rect2f face) =>
        new(new Point2f(face.X + (face.Width / 2), face.Y + (face.Height * 0.45f)), new Size2f(face.Width * Widen, face.Height * Heighten), 0);

    public unsafe void Process(Span<byte> bgr, int frameIndex)
    {
        FrameMat.CheckLength(bgr.Length, context.Width, context.Height);
        if (frameIndex < 0 || frameIndex >= faces.Length || faces[frameIndex].Count == 0)
        {
            return;
        }
        fixed (byte* pixels = bgr)
        {
            using var frame = FrameMat.Wrap(pixels, context.Width, context.Height);
            foreach (var face in faces[frameIndex])
            {
                CoverFace(frame, face);
            }
        }
    }

    private void CoverFace(Mat frame, Rect2f face)
    {
        var ellipse = Cover(face);
        var bounds = ellipse.BoundingRect().Intersect(new Rect(0, 0, frame.Width, frame.Height));
        if (bounds.Width < 2 || bounds.Height < 2)
        {
            return;
        }
        using var region = new Mat(frame, bounds);
        var block = Math.Max(3f, face.Width / BlocksAcross);
        var size = new Size(Math.Max(1, (int)MathF.Round(bounds.Width / block)), Math.Max(1, (int)MathF.Round(bounds.Height / block)));
        Cv2.Resize(region, _small, size, 0, 0, InterpolationFlags.Area);
        _mask.Create(bounds.Height, bounds.Width, MatType.CV_8UC1);
        _mask.SetTo(Scalar.All(0));
        var local = new RotatedRect(new Point2f(ellipse.Center.X - bounds.X, ellipse.Center.Y - bounds.Y), ellipse.Size, 0);
        Cv2.Ellipse(_mask, local, Scalar.All(255), -1, LineTypes.AntiAlias);
        if (style == FaceAnonymiseStyle.Pixelate)
        {
            Cv2.Resize(_small, _cover, bounds.Size, 0, 0, InterpolationFlags.Nearest);
            _cover.CopyTo(region, _mask);
            return;
        }
        // Blur: the shrunk copy smoothed and spread back, blended in through a soft-edged ellipse.
        Cv2.GaussianBlur(_small, _small, new Size(0, 0), 1.0);
        Cv2.Resize(_small, _cover, bounds.Size, 0, 0, InterpolationFlags.Linear);
        Cv2.GaussianBlur(_cover, _cover, new Size(0, 0), block / 2);
        Cv2.GaussianBlur(_mask, _mask, new Size(0, 0), Math.Max(1, block / 3));
        region.CopyTo(_original); // contiguous copies for the vector blend
        Cv2.CvtColor(_mask, _mask3, ColorConversionCodes.GRAY2BGR);
        Blend.Composite(_cover.AsSpan<byte>(), _original.AsSpan<byte>(), _mask3.AsSpan<byte>());
        _cover.CopyTo(region);
    }

    public void Complete()
    {
    }

    public void Dispose()
    {
        _small.Dispose();
        _cover.Dispose();
        _mask.Dispose();
        _mask3.Dispose();
        _original.Dispose();
    }
}
