using OpenCvSharp;

namespace Recut.Engines.Local.Person.Pose;

/// <summary>
/// The upright square crop the pose landmark model reads, in frame pixels. MediaPipe centres it on the hips and
/// sizes it at 2.5× the distance from the hips to the body-circle point, so the whole body fits with margin; for a
/// head-and-shoulders portrait most of that square lies below the frame and is padded black, as in MediaPipe.
/// </summary>
public readonly record struct PoseRoi(Point2f Centre, float Side)
{
    private const float Scale = 1.25f;

    /// <summary>
    /// A first guess from the face box alone: adult proportions put the hips about four face heights below the
    /// face centre and the top of the head one face height above it.
    /// </summary>
    public static PoseRoi FromFace(Rect2f face)
    {
        var cx = face.X + (face.Width / 2);
        var cy = face.Y + (face.Height / 2);
        var hips = new Point2f(cx, cy + (4 * face.Height));
        return new PoseRoi(hips, 2 * Scale * 5 * face.Height);
    }

    /// <summary>The next crop, from the model's own alignment points (as MediaPipe tracks between frames).</summary>
    public static PoseRoi FromLandmarks(PoseLandmarks pose)
    {
        ArgumentNullException.ThrowIfNull(pose);
        var radius = PoseLandmarks.Distance(pose.HipCentre, pose.BodyCircle);
        return new PoseRoi(pose.HipCentre, 2 * Scale * radius);
    }
}
