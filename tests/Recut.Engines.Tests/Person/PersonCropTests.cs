using OpenCvSharp;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Tests.Person;

/// <summary>The square the close-up segmenter pass looks at: padded round the person, inside the frame, steady.</summary>
public sealed class PersonCropTests
{
    private static readonly Size Frame = new(1280, 720);
    private const double WideModelScale = 0.2; // 256×144 over 1280×720
    private static readonly MaskOptions Options = new();

    /// <summary>A 256×144 mask with a person box given in mask pixels.</summary>
    private static Mat Mask(int x, int y, int width, int height)
    {
        var mask = new Mat(144, 256, MatType.CV_8UC1, Scalar.All(0));
        mask[new Rect(x, y, width, height)].SetTo(Scalar.All(255));
        return mask;
    }

    [Fact]
    public void The_crop_is_a_padded_square_round_the_person_inside_the_frame()
    {
        using var crop = new PersonCrop(Options);
        using var mask = Mask(100, 20, 50, 100); // frame box x 500–750, y 100–600
        var rect = crop.Update(mask, Frame, WideModelScale, 256);
        Assert.NotNull(rect);
        var r = rect.Value;
        Assert.Equal(r.Width, r.Height);
        Assert.InRange(r.Width, 500 * 1.2, 500 * 1.3); // long side 500 plus 12 % each side
        Assert.True(r.X <= 500 && r.Right >= 750 && r.Y <= 100 && r.Bottom >= 600, $"{r}");
        Assert.True(r.X >= 0 && r.Y >= 0 && r.Right <= Frame.Width && r.Bottom <= Frame.Height, $"{r}");
    }

    [Fact]
    public void A_person_at_the_frame_edge_gets_a_crop_shifted_back_into_the_frame()
    {
        using var crop = new PersonCrop(Options);
        using var mask = Mask(200, 30, 56, 114); // touches the right and bottom edges
        var r = crop.Update(mask, Frame, WideModelScale, 256)!.Value;
        Assert.Equal(Frame.Width, r.Right);
        Assert.Equal(Frame.Height, r.Bottom);
        Assert.Equal(r.Width, r.Height);
    }

    [Fact]
    public void A_box_that_wobbles_by_a_model_pixel_leaves_the_crop_where_it_was()
    {
        using var crop = new PersonCrop(Options);
        using var first = Mask(100, 20, 50, 100);
        var held = crop.Update(first, Frame, WideModelScale, 256);
        foreach (var (dx, dw) in new[] { (1, 0), (0, 1), (-1, 1), (1, -1), (0, 0) })
        {
            using var wobble = Mask(100 + dx, 20, 50 + dw, 100);
            Assert.Equal(held, crop.Update(wobble, Frame, WideModelScale, 256));
        }
    }

    [Fact]
    public void A_real_move_is_followed_and_reached_within_a_few_frames()
    {
        using var crop = new PersonCrop(Options);
        using var before = Mask(40, 20, 50, 100);
        var start = crop.Update(before, Frame, WideModelScale, 256)!.Value;
        using var after = Mask(140, 20, 50, 100); // 500 frame pixels to the right
        var next = crop.Update(after, Frame, WideModelScale, 256)!.Value;
        Assert.InRange(next.X, start.X + 200, start.X + 300); // halfway on the first frame
        Rect last = next;
        for (var i = 0; i < 8; i++)
        {
            last = crop.Update(after, Frame, WideModelScale, 256)!.Value;
        }
        Assert.True(last.X <= 700 && last.Right >= 950, $"{last}");
    }

    [Fact]
    public void No_crop_when_the_close_up_would_not_see_the_person_larger()
    {
        using var crop = new PersonCrop(Options);
        using var person = Mask(100, 20, 50, 100);
        Assert.NotNull(crop.Update(person, Frame, WideModelScale, 256));
        // A full-frame pass that already sees the frame at nearly the close-up's scale: not worth a second run.
        Assert.Null(crop.Update(person, Frame, 256 / 600.0, 256));
        using var empty = new Mat(144, 256, MatType.CV_8UC1, Scalar.All(0));
        Assert.Null(crop.Update(empty, Frame, WideModelScale, 256));
    }
}
