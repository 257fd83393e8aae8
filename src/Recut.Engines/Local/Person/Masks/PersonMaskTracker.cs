using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// The per-frame person mask of one clip: segment at model size, smooth over time, and keep the clip-level
/// presence figures (frames with a person, best face score). Callers upsample <see cref="Mask"/> themselves.
/// With a close-up segmenter (wide frames, <see cref="MaskOptions.PersonCrop"/>), the full-frame mask is brought to
/// <see cref="MaskOptions.PersonCropMaskScale"/> times the model's size and the close-up mask of the square round
/// the person (<see cref="Masks.PersonCrop"/>) is pasted over it before smoothing, faded in over the crop's inner
/// margin so no seam shows where the two passes meet.
/// </summary>
public sealed class PersonMaskTracker : IDisposable
{
    private readonly IPersonSegmenter _segmenter;
    private readonly BlazeFaceDetector? _faces;
    private readonly MaskOptions _options;
    private readonly MaskSmoother _smoother;
    private readonly Mat _raw = new();
    private readonly Mat _binary = new();
    private readonly IPersonSegmenter? _closeUp;
    private readonly PersonCrop? _crop;
    private readonly Mat _fine = new();
    private readonly Mat _closeRaw = new();
    private readonly Mat _closeFine = new();
    private readonly Mat _labels = new();
    private readonly Mat _stats = new();
    private readonly Mat _centroids = new();

    /// <summary>A close-up piece smaller than this share of the largest is taken for backdrop, not for the person.</summary>
    private const double IslandShare = 0.05;
    private int _lastFaceCheck = int.MinValue / 2;
    private int _sinceFullPass;

    /// <param name="closeUp">A square-model segmenter for the second pass round the person (owned from here on), or null for one pass.</param>
    public PersonMaskTracker(IPersonSegmenter segmenter, BlazeFaceDetector? faces, MaskOptions options, IPersonSegmenter? closeUp = null)
    {
        _segmenter = segmenter ?? throw new ArgumentNullException(nameof(segmenter));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _faces = faces;
        _closeUp = closeUp;
        var scale = Math.Max(1, options.PersonCropMaskScale);
        if (closeUp is not null)
        {
            _crop = new PersonCrop(options);
            options = options with { FeatherSigma = options.PersonCropFeatherSigma };
        }
        _smoother = new MaskSmoother(options);
        Presence = new PersonPresence(options);
        MaskSize = closeUp is null ? segmenter.MaskSize : new Size(segmenter.MaskSize.Width * scale, segmenter.MaskSize.Height * scale);
    }

    /// <summary>The smoothed, feathered person mask of the last frame (CV_8UC1 at <see cref="MaskSize"/>).</summary>
    public Mat Mask { get; } = new();

    public Size MaskSize { get; }

    /// <summary>The square the close-up pass looked at in the last frame (frame pixels), or null when it did not run.</summary>
    public Rect? CloseUpCrop => _crop?.Current;

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
        if (_closeUp is null)
        {
            LastStats = _segmenter.Segment(bgrFrame, _raw);
            _smoother.Smooth(_raw, Mask);
        }
        else
        {
            // While the close-up runs, the wide pass only re-finds the square and what lies outside it: every few frames.
            var fresh = _crop!.Current is null || ++_sinceFullPass >= Math.Max(1, _options.PersonCropFullEvery);
            if (fresh)
            {
                LastStats = _segmenter.Segment(bgrFrame, _raw);
                _sinceFullPass = 0;
            }
            _smoother.Smooth(WithCloseUp(bgrFrame, _closeUp, fresh), Mask);
        }
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

    /// <summary>The full-frame mask at <see cref="MaskSize"/> with the close-up pass pasted over the crop round the person.</summary>
    /// <param name="fresh">
    /// Whether the wide pass ran on this frame; if not, the square stays where it was. It is never placed from the
    /// two-pass mask: a false piece the close-up kept would widen the square, which would then show it more backdrop.
    /// </param>
    private Mat WithCloseUp(Mat frame, IPersonSegmenter closeUp, bool fresh)
    {
        Cv2.Resize(_raw, _fine, MaskSize, 0, 0, InterpolationFlags.Linear);
        var fullScale = Math.Min(_segmenter.MaskSize.Width / (double)frame.Width, _segmenter.MaskSize.Height / (double)frame.Height);
        if ((fresh ? _crop!.Update(_raw, frame.Size(), fullScale, closeUp.MaskSize.Width) : _crop!.Current) is not { } crop)
        {
            return _fine;
        }
        using (var view = new Mat(frame, crop))
        {
            closeUp.Segment(view, _closeRaw);
        }
        DropIslands(_closeRaw);
        var sx = MaskSize.Width / (double)frame.Width;
        var sy = MaskSize.Height / (double)frame.Height;
        var x0 = (int)Math.Round(crop.X * sx);
        var y0 = (int)Math.Round(crop.Y * sy);
        var target = new Rect(x0, y0,
            Math.Min(MaskSize.Width, (int)Math.Round(crop.Right * sx)) - x0, Math.Min(MaskSize.Height, (int)Math.Round(crop.Bottom * sy)) - y0);
        if (target.Width < 2 || target.Height < 2)
        {
            return _fine;
        }
        Cv2.Resize(_closeRaw, _closeFine, target.Size, 0, 0, InterpolationFlags.Linear);
        Paste(_closeFine, _fine, target);
        return _fine;
    }

    /// <summary>
    /// Clears the close-up's small pieces apart from the person (under <see cref="IslandShare"/> of the largest): seen
    /// closer, a dark fractal or textured backdrop sometimes shows the model a lone blob beside the arm that the wide
    /// pass did not have. Only the sure part of an island is found, so its soft rim is set below one half as well.
    /// </summary>
    private void DropIslands(Mat mask)
    {
        Cv2.Threshold(mask, _binary, 127, 255, ThresholdTypes.Binary);
        var count = Cv2.ConnectedComponentsWithStats(_binary, _labels, _stats, _centroids, PixelConnectivity.Connectivity8, MatType.CV_32S);
        if (count <= 2)
        {
            return;
        }
        var largest = 0;
        for (var i = 1; i < count; i++)
        {
            largest = Math.Max(largest, _stats.At<int>(i, (int)ConnectedComponentsTypes.Area));
        }
        var drop = new bool[count];
        var any = false;
        for (var i = 1; i < count; i++)
        {
            drop[i] = _stats.At<int>(i, (int)ConnectedComponentsTypes.Area) < IslandShare * largest;
            any |= drop[i];
        }
        if (!any)
        {
            return;
        }
        var labels = _labels.AsSpan<int>();
        var island = _binary.AsSpan<byte>();
        for (var i = 0; i < labels.Length; i++)
        {
            island[i] = drop[labels[i]] ? (byte)255 : (byte)0;
        }
        Cv2.Dilate(_binary, _binary, null, iterations: 2);
        mask.SetTo(Scalar.All(0), _binary);
    }

    /// <summary>
    /// Writes <paramref name="closeUp"/> into <paramref name="fine"/> at <paramref name="target"/>, faded from the full-frame
    /// mask over the inner margin of each crop side that lies inside the frame (there the close-up lost its context).
    /// </summary>
    private static void Paste(Mat closeUp, Mat fine, Rect target)
    {
        const double MarginShare = 0.06;
        var margin = Math.Max(1, (int)Math.Round(target.Width * MarginShare));
        var c = closeUp.AsSpan<byte>();
        var f = fine.AsSpan<byte>();
        var fineWidth = fine.Width;
        for (var y = 0; y < target.Height; y++)
        {
            var wy = Fade(y, target.Y, target.Height, fine.Height, margin);
            var row = ((target.Y + y) * fineWidth) + target.X;
            for (var x = 0; x < target.Width; x++)
            {
                var w = Math.Min(wy, Fade(x, target.X, target.Width, fineWidth, margin));
                f[row + x] = (byte)(((w * c[(y * target.Width) + x]) + ((256 - w) * f[row + x]) + 128) >> 8);
            }
        }
    }

    /// <summary>Weight 0..256 of the close-up at <paramref name="i"/> along a crop side of <paramref name="length"/> starting at <paramref name="origin"/>.</summary>
    private static int Fade(int i, int origin, int length, int total, int margin)
    {
        var fromStart = origin > 0 ? i : int.MaxValue;
        var fromEnd = origin + length < total ? length - 1 - i : int.MaxValue;
        var d = Math.Min(fromStart, fromEnd);
        return d >= margin ? 256 : 256 * d / margin;
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
        _closeUp?.Dispose();
        _crop?.Dispose();
        _fine.Dispose();
        _closeRaw.Dispose();
        _closeFine.Dispose();
        _labels.Dispose();
        _stats.Dispose();
        _centroids.Dispose();
        Mask.Dispose();
    }
}
