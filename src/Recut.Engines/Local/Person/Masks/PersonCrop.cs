using OpenCvSharp;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// The square around the person that the second, close-up pass of the segmenter looks at. A standing person in a
/// wide frame fills a tall, narrow part of it; the wide model spreads its 256 columns over the whole width, the
/// square model over a crop of that part sees the person's outline at about twice the scale.
/// The square is padded round the coarse mask's box and held still while the box only wobbles (a model pixel of
/// the coarse mask is several frame pixels, so its box jitters by that much on a still subject, and a crop that
/// followed the jitter would make the close-up mask flicker); real moves are followed halfway each frame.
/// </summary>
public sealed class PersonCrop(MaskOptions options) : IDisposable
{
    private readonly Mat _binary = new();
    private Rect2d? _current;

    /// <summary>The crop of the last frame in frame pixels, or null when the close-up pass is not worth running.</summary>
    public Rect? Current { get; private set; }

    /// <summary>Forget the history (a new shot).</summary>
    public void Reset()
    {
        _current = null;
        Current = null;
    }

    /// <summary>
    /// Updates <see cref="Current"/> from a person probability mask (CV_8UC1, any size, 255 = person) that covers
    /// the whole <paramref name="frame"/>; <paramref name="fullScale"/> is the full-frame model's pixels per frame
    /// pixel, against which the close-up's own scale (<paramref name="cropModelSide"/> over the crop's side) must gain.
    /// </summary>
    public Rect? Update(Mat mask, Size frame, double fullScale, int cropModelSide)
    {
        ArgumentNullException.ThrowIfNull(mask);
        Cv2.Threshold(mask, _binary, 127, 255, ThresholdTypes.Binary);
        var box = Cv2.BoundingRect(_binary);
        if (box.Width == 0 || box.Height == 0)
        {
            Reset();
            return null;
        }
        var sx = frame.Width / (double)mask.Width;
        var sy = frame.Height / (double)mask.Height;
        var target = Target(new Rect2d(box.X * sx, box.Y * sy, box.Width * sx, box.Height * sy), frame);
        _current = _current is { } held ? Follow(held, target, frame) : target;
        var side = (int)Math.Round(_current.Value.Width);
        var gain = cropModelSide / (double)side / fullScale;
        // A box wider than the square (arms out, or background the wide pass joined to the person) still gets the
        // close-up round its middle: measured, that beats skipping it, and the fade hides the seam.
        Current = gain < options.PersonCropMinGain
            ? null
            : new Rect(
                Math.Clamp((int)Math.Round(_current.Value.X), 0, frame.Width - side),
                Math.Clamp((int)Math.Round(_current.Value.Y), 0, frame.Height - side), side, side);
        return Current;
    }

    /// <summary>The padded square centred on the box, as large as the box's long side and never beyond the frame.</summary>
    private Rect2d Target(Rect2d box, Size frame)
    {
        var side = Math.Max(box.Width, box.Height) * (1 + (2 * options.PersonCropPadding));
        side = Math.Min(side, Math.Min(frame.Width, frame.Height));
        return Clamp(new Rect2d(box.X + (box.Width / 2) - (side / 2), box.Y + (box.Height / 2) - (side / 2), side, side), frame);
    }

    private Rect2d Follow(Rect2d held, Rect2d target, Size frame)
    {
        var hold = options.PersonCropHold * held.Width;
        if (Math.Abs(target.X - held.X) <= hold && Math.Abs(target.Y - held.Y) <= hold && Math.Abs(target.Width - held.Width) <= hold)
        {
            return held;
        }
        var moved = new Rect2d(
            (held.X + target.X) / 2, (held.Y + target.Y) / 2, (held.Width + target.Width) / 2, (held.Height + target.Height) / 2);
        return Clamp(moved, frame);
    }

    private static Rect2d Clamp(Rect2d r, Size frame)
    {
        var side = Math.Min(r.Width, Math.Min(frame.Width, frame.Height));
        var x = Math.Clamp(r.X, 0, frame.Width - side);
        var y = Math.Clamp(r.Y, 0, frame.Height - side);
        return new Rect2d(x, y, side, side);
    }

    public void Dispose() => _binary.Dispose();
}
