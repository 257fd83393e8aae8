using OpenCvSharp;

namespace Recut.Engines.Local.Person.Pose;

/// <summary>
/// Body landmarks over a clip: the model runs every few frames on the crop placed by the last result (the first
/// crop comes from the face box, then is refined once from the model's own alignment points); results are
/// smoothed so the garment outline does not jitter, and forgotten when the model stops seeing a person.
/// </summary>
public sealed class PoseTrack(PoseLandmarker model, int detectEvery = 5) : IDisposable
{
    private const float MinPresence = 0.5f;
    private const float Smoothing = 0.6f;
    private readonly PoseLandmarks _latest = new();
    private readonly PoseLandmarks _smoothed = new();
    private int _lastTry = int.MinValue / 2;
    private PoseRoi? _roi;

    /// <summary>The smoothed landmarks in frame pixels, or null when no pose is known.</summary>
    public PoseLandmarks? Current { get; private set; }

    /// <summary>Updates the track for <paramref name="frameIndex"/>; <paramref name="face"/> seeds the first crop.</summary>
    public void Update(Mat bgrFrame, int frameIndex, Rect2f? face)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        if (frameIndex - _lastTry < detectEvery)
        {
            return;
        }
        _lastTry = frameIndex;
        var fresh = _roi is null;
        var roi = _roi ?? (face is { } f ? PoseRoi.FromFace(f) : null);
        if (roi is not { } r)
        {
            return;
        }
        model.Detect(bgrFrame, r, _latest);
        if (fresh && _latest.Presence >= MinPresence)
        {
            // The face-based guess is rough; one more pass on the crop the model itself asks for.
            model.Detect(bgrFrame, PoseRoi.FromLandmarks(_latest), _latest);
        }
        if (_latest.Presence < MinPresence)
        {
            _roi = null;
            Current = null;
            return;
        }
        _roi = PoseRoi.FromLandmarks(_latest);
        if (Current is null)
        {
            _latest.CopyTo(_smoothed);
        }
        else
        {
            _smoothed.MoveToward(_latest, Smoothing);
        }
        Current = _smoothed;
    }

    public void Dispose() => model.Dispose();
}
