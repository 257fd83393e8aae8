using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// The per-frame person mask of one clip: segment at model size, smooth over time, and keep the clip-level
/// presence figures (frames with a person, best face score). Callers upsample <see cref="Mask"/> themselves.
/// </summary>
public sealed class PersonMaskTracker : IDisposable
{
    private readonly IPersonSegmenter _segmenter;
    private readonly BlazeFaceDetector? _faces;
    private readonly MaskOptions _options;
    private readonly MaskSmoother _smoother;
    private readonly Mat _raw = new();
    private readonly Mat _binary = new();
    private int _lastFaceCheck = int.MinValue / 2;

    public PersonMaskTracker(IPersonSegmenter segmenter, BlazeFaceDetector? faces, MaskOptions options)
    {
        _segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _faces = faces;
        _smoother = new MaskSmoother(options);
        Presence = new PersonPresence(options);
    }

    /// <summary>The smoothed, feathered person mask of the last frame (CV_8UC1 at <see cref="MaskSize"/>).</summary>
    public Mat Mask { get; } = new();

    public Size MaskSize => _segmenter.MaskSize;

    /// <summary>The mask settings this tracker runs with (the processors read the edge refinement settings).</summary>
    public MaskOptions Options => _options;

    public SegmentationStats LastStats { get; private set; }

    /// <summary>Whether the last frame counted as showing a person.</summary>
    public bool LastFrameShowsPerson { get; private set; }

    public PersonPresence Presence { get; }

    /// <summary>The face detector this tracker owns (null when running without one).</summary>
    public BlazeFaceDetector? Faces => _faces;

    /// <summary>Segments and smooths one frame (packed BGR, any size).</summary>
    public void Track(Mat bgrFrame, int frameIndex)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        LastStats = _segmenter.Segment(bgrFrame, _raw);
        _smoother.Smooth(_raw, Mask);
        LastFrameShowsPerson = Presence.Record(LastStats);
        if (LastFrameShowsPerson && !Presence.FaceConfirmed && _faces is not null
            && frameIndex - _lastFaceCheck >= _options.FaceCheckInterval)
        {
            _lastFaceCheck = frameIndex;
            if (PersonBounds(bgrFrame.Size()) is { } person
                && _faces.DetectBest(bgrFrame, HeadRegion.Around(person, bgrFrame.Size())) is { } face)
            {
                Presence.RecordFace(face.Score);
            }
        }
    }

    /// <summary>Bounding box of the last frame's person pixels, in frame pixels; null when there are none.</summary>
    public Rect? PersonBounds(Size frameSize)
    {
        Cv2.Threshold(Mask, _binary, 127, 255, ThresholdTypes.Binary);
        var box = Cv2.BoundingRect(_binary);
        if (box.Width == 0 || box.Height == 0)
        {
            return null;
        }
        var sx = frameSize.Width / (double)MaskSize.Width;
        var sy = frameSize.Height / (double)MaskSize.Height;
        var x0 = (int)Math.Floor(box.X * sx);
        var y0 = (int)Math.Floor(box.Y * sy);
        var x1 = Math.Min(frameSize.Width, (int)Math.Ceiling(box.Right * sx));
        var y1 = Math.Min(frameSize.Height, (int)Math.Ceiling(box.Bottom * sy));
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    public void Dispose()
    {
        _segmenter.Dispose();
        _faces?.Dispose();
        _smoother.Dispose();
        _raw.Dispose();
        _binary.Dispose();
        Mask.Dispose();
    }
}
