using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The honest clothing region: person mask minus skin (<see cref="SkinModel"/>) minus the head. The head is
/// the face box widened for hair and reaching up to the top of the person, down to just below the chin; with
/// no face, the top 28 % of the person's box. Works on a small copy of the frame (long side 320 px).
/// </summary>
public sealed class ClothingRegionFinder : IDisposable
{
    public const int WorkLongSide = 320;
    private const double HeadShareWithoutFace = 0.28;
    private readonly Mat _person = new();
    private readonly Mat _skin = new();
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
    public double Find(Mat bgrWork, Mat personMask, Rect? face, Mat clothing)
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
        var head = HeadBox(Cv2.BoundingRect(_person), face);
        if (head.Width > 0 && head.Height > 0)
        {
            using var headRoi = new Mat(clothing, head);
            headRoi.SetTo(Scalar.All(0));
        }
        Cv2.MorphologyEx(clothing, clothing, MorphTypes.Open, _kernel);
        return Cv2.CountNonZero(clothing) / (double)personPixels;
    }

    private Rect HeadBox(Rect person, Rect? face)
    {
        var bounds = new Rect(0, 0, WorkSize.Width, WorkSize.Height);
        if (face is { } f)
        {
            var left = f.X - (f.Width * 35 / 100);
            var right = f.Right + (f.Width * 35 / 100);
            var chin = f.Bottom + (f.Height * 15 / 100);
            var top = Math.Min(person.Y, f.Y);
            return Rect.FromLTRB(left, top, right, chin).Intersect(bounds);
        }
        var height = (int)Math.Round(person.Height * HeadShareWithoutFace);
        return new Rect(person.X, person.Y, person.Width, height).Intersect(bounds);
    }

    public void Dispose()
    {
        _person.Dispose();
        _skin.Dispose();
        _kernel.Dispose();
        Skin.Dispose();
    }
}
