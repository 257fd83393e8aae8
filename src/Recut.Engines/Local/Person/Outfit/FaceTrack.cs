using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Keeps the person's face box steady between detections (averaged while it stays put, replaced when it jumps)
/// and forgets it when no detection has confirmed it for a while.
/// </summary>
public sealed class FaceTrack(int detectEvery = 5, int forgetAfter = 30)
{
    private Rect2f? _box;
    private int _lastSeen = int.MinValue / 2;
    private int _lastTry = int.MinValue / 2;

    public Rect2f? Box => _box;

    public bool IsDue(int frameIndex) => frameIndex - _lastTry >= detectEvery;

    /// <summary>Records a detection attempt's outcome for <paramref name="frameIndex"/>.</summary>
    public void Update(int frameIndex, FaceBox? detection)
    {
        _lastTry = frameIndex;
        if (detection is { } face)
        {
            _box = _box is { } old && FaceNms.IoU(old, face.Box) > 0.3 ? Average(old, face.Box) : face.Box;
            _lastSeen = frameIndex;
        }
        else if (frameIndex - _lastSeen > forgetAfter)
        {
            _box = null;
        }
    }

    private static Rect2f Average(Rect2f a, Rect2f b) =>
        new((a.X + b.X) / 2, (a.Y + b.Y) / 2, (a.Width + b.Width) / 2, (a.Height + b.Height) / 2);
}
