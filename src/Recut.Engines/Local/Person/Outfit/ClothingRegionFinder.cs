using OpenCvSharp;
using Recut.Engines.Local.Person.Pose;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The honest clothing region: person mask, within the body's garment outline when a pose is known
/// (<see cref="GarmentShape"/>), minus skin (<see cref="SkinModel"/>) minus the head. The head is an ellipse round
/// the face box widened for hair, joined to a band up to the top of the person (hair, a cap); with no face, the
/// top 28 % of the person's box. Works on a small copy of the frame (long side 320 px).
/// </summary>
public sealed class ClothingRegionFinder : IDisposable
{
    public const int WorkLongSide = 320;
    private const double HeadShareWithoutFace = 0.28;
    private readonly Mat _person = new();
    private readonly Mat _skin = new();
    private readonly Mat _shape = new();
    private readonly PoseLandmarks _workPose = new();
    private readonly Mat _kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));

    public ClothingRegionFinder(Size frame)
    {
        var scale = WorkLongSide / (double)Math.Max(frame.Width, frame.Height);
        scale = Math.Min(1, scale);
        WorkSize = new Size(Math.Max(16, (int)Math.Round(frame.Width * scale)), Math.Max(16, (int)Math.Round(frame.Height * scale)));
        Scale = WorkSize.Width / (double)frame.Width;
    }

    public Size WorkSize { get; }

    /// <summary>Work pixels per frame pixel.</summary>
    public double Scale { get; }

    public SkinModel Skin { get; } = new();

    /// <summary>
    /// Writes the clothing region (CV_8UC1, 0/255, <see cref="WorkSize"/>) into <paramref name="clothing"/> and
    /// returns its share of the person's pixels (0 when there is no person).
    /// </summary>
    /// <param name="bgrWork">The frame at <see cref="WorkSize"/>.</param>
    /// <param name="personMask">Person probability at model size (255 = person).</param>
    /// <param name="face">Face box in work pixels, if one is known.</param>
    /// <param name="pose">Body landmarks in frame pixels, if known.</param>
    public double Find(Mat bgrWork, Mat personMask, Rect? face, PoseLandmarks? pose, Mat clothing)
    {
        ArgumentNullException.ThrowIfNull(bgrWork);
        ArgumentNullException.ThrowIfNull(personMask);
        ArgumentNullException.ThrowIfNull(clothing);
        Cv2.Resize(personMask, _person, WorkSize, 0, 0, InterpolationFlags.Linear);
        Cv2.Threshold(_person, _person, 127, 255, ThresholdTypes.Binary);
        var personPixels = Cv2.CountNonZero(_person);
        if (personPixels == 0)
        {
            clothing.Create(WorkSize, MatType.CV_8UC1);
            clothing.SetTo(Scalar.All(0));
            return 0;
        }
        Skin.Classify(bgrWork, _skin);
        Cv2.BitwiseNot(_skin, _skin);
        Cv2.BitwiseAnd(_person, _skin, clothing);
        if (pose is not null)
        {
            _shape.Create(WorkSize, MatType.CV_8UC1);
            pose.ScaleInto(_workPose, (float)Scale);
            if (GarmentShape.Draw(_workPose, _shape))
            {
                Cv2.BitwiseAnd(clothing, _shape, clothing);
            }
        }
        ClearHead(clothing, Cv2.BoundingRect(_person), face);
        Cv2.MorphologyEx(clothing, clothing, MorphTypes.Open, _kernel);
        return Cv2.CountNonZero(clothing) / (double)personPixels;
    }

    private void ClearHead(Mat clothing, Rect person, Rect? face)
    {
        if (face is { } f)
        {
            // An ellipse, not a box: a box's lower edge cut a straight line across collars and shoulders.
            var centre = new Point(f.X + (f.Width / 2), f.Y + (f.Height * 45 / 100));
            // Narrow below (the collar sits beside the neck), wide above (hair, a cap's brim).
            var axes = new Size(f.Width * 62 / 100, f.Height * 68 / 100);
            Cv2.Ellipse(clothing, centre, axes, 0, 0, 360, Scalar.All(0), -1);
            var top = Math.Min(person.Y, f.Y);
            var half = f.Width * 80 / 100;
            var band = Rect.FromLTRB(centre.X - half, top, centre.X + half, centre.Y).Intersect(new Rect(0, 0, WorkSize.Width, WorkSize.Height));
            if (band.Width > 0 && band.Height > 0)
            {
                using var roi = new Mat(clothing, band);
                roi.SetTo(Scalar.All(0));
            }
            return;
        }
        var height = (int)Math.Round(person.Height * HeadShareWithoutFace);
        var head = new Rect(person.X, person.Y, person.Width, height).Intersect(new Rect(0, 0, WorkSize.Width, WorkSize.Height));
        if (head.Width > 0 && head.Height > 0)
        {
            using var roi = new Mat(clothing, head);
            roi.SetTo(Scalar.All(0));
        }
    }

    public void Dispose()
    {
        _person.Dispose();
        _skin.Dispose();
        _shape.Dispose();
        _kernel.Dispose();
        Skin.Dispose();
    }
}
