using OpenCvSharp;
using Recut.Engines.Local.Person.Pose;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>Where the pattern is pinned on the body: an origin, the direction "across the body" and a size (frame pixels).</summary>
public readonly record struct BodyFrame(Point2f Origin, float Angle, float Size);

/// <summary>
/// Pins a carried pattern to the body, so it moves, turns and scales with the person and not with the frame: the
/// shoulder midpoint, the shoulder line's angle and the shoulder width when a pose is known, else the top centre and
/// width of the clothing region. The frame follows its target smoothly, and holds still while the target only
/// wobbles by less than <see cref="DeadBand"/> — landmark noise of a pixel or two would otherwise make a fine stripe shimmer.
/// </summary>
public sealed class PatternAnchor
{
    /// <summary>Changes below this share of the shoulder width (origin or size, at least 0.75 px) and ~0.3° of angle are taken for noise.</summary>
    public const float DeadBand = 0.01f;
    private const float MinDeadBandPixels = 0.75f;
    private const float AngleDeadBand = 0.005f;
    private const float Follow = 0.35f;
    private const float RegionWidthToShoulders = 0.8f;

    public BodyFrame? Current { get; private set; }

    /// <summary>Updates from the pose (frame pixels) or, without one, the clothing region's box (frame pixels).</summary>
    public BodyFrame? Update(PoseLandmarks? pose, Rect? clothing)
    {
        if (Target(pose, clothing) is not { } target)
        {
            return Current;
        }
        if (Current is not { } now)
        {
            Current = target;
            return Current;
        }
        var band = Math.Max(MinDeadBandPixels, DeadBand * now.Size);
        var moved = PoseLandmarks.Distance(now.Origin, target.Origin) > band
            || Math.Abs(now.Size - target.Size) > band
            || Math.Abs(now.Angle - target.Angle) > AngleDeadBand;
        if (moved)
        {
            Current = new BodyFrame(
                new Point2f(now.Origin.X + (Follow * (target.Origin.X - now.Origin.X)), now.Origin.Y + (Follow * (target.Origin.Y - now.Origin.Y))),
                now.Angle + (Follow * (target.Angle - now.Angle)),
                now.Size + (Follow * (target.Size - now.Size)));
        }
        return Current;
    }

    private static BodyFrame? Target(PoseLandmarks? pose, Rect? clothing)
    {
        if (pose is not null && pose.ShoulderWidth >= 8)
        {
            var left = pose.Points[PoseLandmarks.LeftShoulder];
            var right = pose.Points[PoseLandmarks.RightShoulder];
            // The person's left shoulder is on the picture's right when they face the camera: "across" points right.
            var angle = MathF.Atan2(left.Y - right.Y, left.X - right.X);
            return new BodyFrame(pose.Mid(PoseLandmarks.LeftShoulder, PoseLandmarks.RightShoulder), angle, pose.ShoulderWidth);
        }
        if (clothing is { Width: > 0 } box)
        {
            return new BodyFrame(new Point2f(box.X + (box.Width / 2f), box.Y), 0, box.Width * RegionWidthToShoulders);
        }
        return null;
    }
}
