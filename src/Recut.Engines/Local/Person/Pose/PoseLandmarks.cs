using OpenCvSharp;

namespace Recut.Engines.Local.Person.Pose;

/// <summary>
/// The 33 body landmarks of MediaPipe Pose in frame pixels, each with its visibility (0..1), plus the model's two
/// alignment points (hip centre and a point on the circle round the whole body) that place the next crop.
/// </summary>
public sealed class PoseLandmarks
{
    public const int Count = 33;
    public const int Nose = 0, LeftEar = 7, RightEar = 8, MouthLeft = 9, MouthRight = 10;
    public const int LeftShoulder = 11, RightShoulder = 12, LeftElbow = 13, RightElbow = 14;
    public const int LeftWrist = 15, RightWrist = 16, LeftHip = 23, RightHip = 24;

    public Point2f[] Points { get; } = new Point2f[Count];

    public float[] Visibility { get; } = new float[Count];

    public Point2f HipCentre { get; set; }

    public Point2f BodyCircle { get; set; }

    /// <summary>The model's own belief that a person is in the crop (0..1).</summary>
    public float Presence { get; set; }

    public float ShoulderWidth => Distance(Points[LeftShoulder], Points[RightShoulder]);

    public Point2f Mid(int a, int b) => new((Points[a].X + Points[b].X) / 2, (Points[a].Y + Points[b].Y) / 2);

    public void CopyTo(PoseLandmarks other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Points.CopyTo(other.Points, 0);
        Visibility.CopyTo(other.Visibility, 0);
        other.HipCentre = HipCentre;
        other.BodyCircle = BodyCircle;
        other.Presence = Presence;
    }

    /// <summary>Moves part of the way toward <paramref name="next"/> (exponential smoothing between keyframes).</summary>
    public void MoveToward(PoseLandmarks next, float weight)
    {
        ArgumentNullException.ThrowIfNull(next);
        for (var i = 0; i < Count; i++)
        {
            Points[i] = Lerp(Points[i], next.Points[i], weight);
            Visibility[i] += weight * (next.Visibility[i] - Visibility[i]);
        }
        HipCentre = Lerp(HipCentre, next.HipCentre, weight);
        BodyCircle = Lerp(BodyCircle, next.BodyCircle, weight);
        Presence += weight * (next.Presence - Presence);
    }

    /// <summary>Every point scaled by <paramref name="scale"/> (frame pixels to work pixels).</summary>
    public void ScaleInto(PoseLandmarks other, float scale)
    {
        ArgumentNullException.ThrowIfNull(other);
        CopyTo(other);
        for (var i = 0; i < Count; i++)
        {
            other.Points[i] = new Point2f(Points[i].X * scale, Points[i].Y * scale);
        }
        other.HipCentre = new Point2f(HipCentre.X * scale, HipCentre.Y * scale);
        other.BodyCircle = new Point2f(BodyCircle.X * scale, BodyCircle.Y * scale);
    }

    public static float Distance(Point2f a, Point2f b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static Point2f Lerp(Point2f a, Point2f b, float t) => new(a.X + (t * (b.X - a.X)), a.Y + (t * (b.Y - a.Y)));
}
