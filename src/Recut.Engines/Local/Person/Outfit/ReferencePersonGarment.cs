using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Pose;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The clothing of a person in a still reference photo: the same person mask, face, skin, pose and head rules as
/// the video, run once on the picture. Without a face the picture is not taken for a person (the selfie model
/// also "segments" a T-shirt lying on a table), and the caller treats it as a product shot.
/// </summary>
public sealed class ReferencePersonGarment(Func<int, int, PersonMaskTracker> trackers, Func<PoseLandmarker> poses) : IReferencePersonGarment
{
    public Mat? FindGarment(Mat bgr)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        using var tracker = trackers(bgr.Width, bgr.Height);
        tracker.Track(bgr, 0);
        if (!tracker.LastFrameShowsPerson || tracker.Faces is not { } faces || tracker.PersonBounds(bgr.Size()) is not { } person
            || faces.DetectBest(bgr, HeadRegion.Around(person, bgr.Size()), 0.6f) is not { } face)
        {
            return null;
        }
        using var pose = new PoseTrack(poses());
        pose.Update(bgr, 0, face.Box);
        using var finder = new ClothingRegionFinder(bgr.Size());
        using var work = new Mat();
        Cv2.Resize(bgr, work, finder.WorkSize, 0, 0, InterpolationFlags.Area);
        var faceWork = Scale(face.Box, finder.Scale);
        finder.Skin.LearnFromFace(work, faceWork);
        var clothing = new Mat();
        finder.Find(work, tracker.Mask, faceWork, pose.Current, clothing);
        if (Cv2.CountNonZero(clothing) < 50)
        {
            clothing.Dispose();
            return null;
        }
        // Back to the caller's size (the caller's image is the same picture).
        Cv2.Resize(clothing, clothing, bgr.Size(), 0, 0, InterpolationFlags.Nearest);
        return clothing;
    }

    private static Rect Scale(Rect2f box, double s) => new(
        (int)Math.Round(box.X * s), (int)Math.Round(box.Y * s), (int)Math.Round(box.Width * s), (int)Math.Round(box.Height * s));
}
