using OpenCvSharp;
using Recut.Engines.Local.Person.Pose;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Where a garment can be, drawn from body landmarks at work size: the torso (shoulders raised and widened to
/// reach the shoulder tops and the collar, down past the hips for a jacket's hem) and the limbs as thick strokes
/// from joint to joint, stopping at the wrists and ankles. With the person mask this keeps a flag or a chair
/// behind the person out, and it follows the body as it moves.
/// </summary>
public static class GarmentShape
{
    /// <summary>Shoulder widths below which a pose is too small to outline a garment.</summary>
    private const float MinShoulderPixels = 6;

    /// <summary>Draws the garment outline (0/255) into <paramref name="shape"/> (CV_8UC1, already sized); false when the pose is unusable.</summary>
    public static bool Draw(PoseLandmarks pose, Mat shape)
    {
        ArgumentNullException.ThrowIfNull(pose);
        ArgumentNullException.ThrowIfNull(shape);
        shape.SetTo(Scalar.All(0));
        var sw = pose.ShoulderWidth;
        if (sw < MinShoulderPixels)
        {
            return false;
        }
        var p = pose.Points;
        var ls = p[PoseLandmarks.LeftShoulder];
        var rs = p[PoseLandmarks.RightShoulder];
        var lh = p[PoseLandmarks.LeftHip];
        var rh = p[PoseLandmarks.RightHip];
        // "Outward" for each side is along the shoulder line, "up" perpendicular to it, so a leaning body works too.
        var across = Unit(ls - rs);
        var up = Unit(pose.Mid(PoseLandmarks.LeftShoulder, PoseLandmarks.RightShoulder) - pose.Mid(PoseLandmarks.LeftHip, PoseLandmarks.RightHip));
        Point2f Shift(Point2f a, float outward, float upward, float side) => a + (across * (side * outward * sw)) + (up * (upward * sw));
        // High beside the neck (the collar), lower over the shoulder tops: whatever is beside the head (a flag, a
        // backdrop the person mask took in) stays out.
        Point[] torso =
        [
            ToPoint(Shift(ls, -0.25f, 0.45f, 1)),
            ToPoint(Shift(ls, 0.30f, 0.22f, 1)),
            ToPoint(Shift(ls, 0.40f, -0.15f, 1)),
            ToPoint(Shift(lh, 0.40f, -0.35f, 1)),
            ToPoint(Shift(rh, 0.40f, -0.35f, -1)),
            ToPoint(Shift(rs, 0.40f, -0.15f, -1)),
            ToPoint(Shift(rs, 0.30f, 0.22f, -1)),
            ToPoint(Shift(rs, -0.25f, 0.45f, -1)),
        ];
        Cv2.FillPoly(shape, [torso], Scalar.All(255), LineTypes.Link8);
        Limb(shape, p[PoseLandmarks.LeftShoulder], p[PoseLandmarks.LeftElbow], 0.7f * sw);
        Limb(shape, p[PoseLandmarks.LeftElbow], p[PoseLandmarks.LeftWrist], 0.55f * sw);
        Limb(shape, p[PoseLandmarks.RightShoulder], p[PoseLandmarks.RightElbow], 0.7f * sw);
        Limb(shape, p[PoseLandmarks.RightElbow], p[PoseLandmarks.RightWrist], 0.55f * sw);
        Limb(shape, p[PoseLandmarks.LeftHip], p[25], 0.6f * sw);
        Limb(shape, p[25], p[27], 0.45f * sw);
        Limb(shape, p[PoseLandmarks.RightHip], p[26], 0.6f * sw);
        Limb(shape, p[26], p[28], 0.45f * sw);
        return true;
    }

    private static void Limb(Mat shape, Point2f a, Point2f b, float thickness) =>
        Cv2.Line(shape, ToPoint(a), ToPoint(b), Scalar.All(255), Math.Max(1, (int)MathF.Round(thickness)), LineTypes.Link8);

    private static Point2f Unit(Point2f v)
    {
        var n = MathF.Sqrt((v.X * v.X) + (v.Y * v.Y));
        return n < 1e-3f ? new Point2f(0, -1) : new Point2f(v.X / n, v.Y / n);
    }

    private static Point ToPoint(Point2f p) => new((int)MathF.Round(p.X), (int)MathF.Round(p.Y));
}
