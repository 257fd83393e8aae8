using OpenCvSharp;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Engines.Tests.Person;

/// <summary>
/// The second, person-cropped segmenter pass on a wide frame: the portrait cut out by its truth mask and put at 85 %
/// of a 1280×720 frame's height over hard-edged colour bars, tracked with one pass and with two.
/// </summary>
public sealed class CloseUpMaskTests
{
    private static readonly Size Frame = new(1280, 720);

    public static TheoryData<string> People() => new() { "astronaut", "grace_hopper" };

    [Theory]
    [MemberData(nameof(People))]
    public void The_close_up_pass_puts_the_edge_nearer_the_true_one(string name)
    {
        var (frame, truth) = Composite(PersonAssets.All.Single(p => p.Name == name));
        using (frame)
        using (truth)
        {
            var onePass = EdgeError(frame, truth, new MaskOptions { PersonCrop = false }, out var noCrop);
            var twoPass = EdgeError(frame, truth, new MaskOptions(), out var crop);
            Assert.Null(noCrop);
            Assert.NotNull(crop);
            // The person's box (from the truth) lies inside the crop.
            var person = Cv2.BoundingRect(truth);
            Assert.True(crop.Value.Contains(person.TopLeft) && crop.Value.Contains(new Point(person.Right - 1, person.Bottom - 1)), $"{crop} vs {person}");
            Assert.True(twoPass < 0.8 * onePass, $"edge error one pass {onePass:0.0000}, two passes {twoPass:0.0000}");
        }
    }

    /// <summary>A lone piece the close-up sees beside the person (a blob of backdrop) does not reach the mask; the person does.</summary>
    [Fact]
    public void A_small_piece_the_close_up_finds_apart_from_the_person_is_dropped()
    {
        // Wide pass: the person as a box, frame x 500–750, y 100–620. Close-up: the same person plus a small blob in the
        // crop's top-left corner, and a thin sliver of the person's edge that the wide pass did not have.
        using var wide = new FixedSegmenter(new Size(256, 144), m => m[new Rect(100, 20, 50, 104)].SetTo(Scalar.All(255)));
        using var close = new FixedSegmenter(new Size(256, 256), m =>
        {
            m[new Rect(60, 20, 140, 236)].SetTo(Scalar.All(255));
            m.Circle(new Point(20, 30), 6, Scalar.All(255), -1);
        });
        using var tracker = new PersonMaskTracker(wide, null, new MaskOptions(), close);
        using var frame = new Mat(Frame, MatType.CV_8UC3, Scalar.All(40));
        tracker.Track(frame, 0);
        var crop = tracker.CloseUpCrop!.Value;
        using var full = new Mat();
        MaskUpsampler.Upsample(tracker.Mask, full, Frame);
        var scale = crop.Width / 256.0;
        byte At(int x, int y) => full.At<byte>(crop.Y + (int)(y * scale), crop.X + (int)(x * scale));
        Assert.True(At(20, 30) < 40, $"island kept: {At(20, 30)}");
        Assert.True(At(130, 140) > 215, $"person lost: {At(130, 140)}");
        // Without the drop the same blob would be a sure pixel: the close-up is what sets the crop's inside.
        Assert.True(At(65, 140) > 127, $"close-up edge not used: {At(65, 140)}");
    }

    /// <summary>A segmenter that writes the same mask every frame.</summary>
    private sealed class FixedSegmenter(Size size, Action<Mat> draw) : Recut.Engines.Local.Person.Segmentation.IPersonSegmenter
    {
        public Size MaskSize => size;

        public Recut.Engines.Local.Person.Segmentation.SegmentationStats Segment(Mat bgrFrame, Mat mask)
        {
            mask.Create(size, MatType.CV_8UC1);
            mask.SetTo(Scalar.All(0));
            draw(mask);
            return new(Cv2.CountNonZero(mask) / (double)mask.Total(), 1);
        }

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Mean |mask − truth| (0..1) over a band ±10 px round the true boundary, of the tracker's mask upsampled to the
    /// frame after five identical frames (the smoothing settled).
    /// </summary>
    private static double EdgeError(Mat frame, Mat truth, MaskOptions options, out Rect? crop)
    {
        var factory = PersonFrameProcessorFactory.FromOptions(null, options);
        using var tracker = factory.CreateTracker(Frame.Width, Frame.Height);
        for (var i = 0; i < 5; i++)
        {
            tracker.Track(frame, i);
        }
        crop = tracker.CloseUpCrop;
        using var full = new Mat();
        MaskUpsampler.Upsample(tracker.Mask, full, Frame);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(21, 21));
        using var inner = new Mat();
        using var band = new Mat();
        Cv2.Erode(truth, inner, kernel);
        Cv2.Dilate(truth, band, kernel);
        Cv2.Subtract(band, inner, band);
        var m = full.AsSpan<byte>();
        var t = truth.AsSpan<byte>();
        var b = band.AsSpan<byte>();
        double sum = 0;
        var count = 0;
        for (var i = 0; i < b.Length; i++)
        {
            if (b[i] != 0)
            {
                sum += Math.Abs(m[i] - t[i]) / 255.0;
                count++;
            }
        }
        return sum / count;
    }

    /// <summary>The portrait over colour bars (frame, BGR) and its truth mask there (0/255).</summary>
    private static (Mat Frame, Mat Truth) Composite(PersonPhoto person)
    {
        using var photo = Cv2.ImRead(person.PhotoPath);
        using var mask = Cv2.ImRead(person.MaskPath, ImreadModes.Grayscale);
        var height = (int)(Frame.Height * 0.85);
        var width = photo.Width * height / photo.Height;
        var at = new Rect((Frame.Width - width) / 2, Frame.Height - height, width, height);
        var frame = new Mat(Frame, MatType.CV_8UC3);
        for (var i = 0; i < 8; i++)
        {
            frame[new Rect(i * 160, 0, 160, Frame.Height)].SetTo(new Scalar((i & 1) * 200 + 30, ((i >> 1) & 1) * 200 + 30, ((i >> 2) & 1) * 200 + 30));
        }
        using var scaled = new Mat();
        using var scaledMask = new Mat();
        Cv2.Resize(photo, scaled, at.Size, 0, 0, InterpolationFlags.Area);
        Cv2.Resize(mask, scaledMask, at.Size, 0, 0, InterpolationFlags.Linear);
        Cv2.Threshold(scaledMask, scaledMask, 127, 255, ThresholdTypes.Binary);
        using (var region = frame[at])
        {
            scaled.CopyTo(region, scaledMask);
        }
        var truth = new Mat(Frame, MatType.CV_8UC1, Scalar.All(0));
        using (var region = truth[at])
        {
            scaledMask.CopyTo(region);
        }
        return (frame, truth);
    }
}
