using OpenCvSharp;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Tests.Person;

/// <summary>The colour line moves a misplaced matte edge to the colour edge, and leaves it alone where the colours cannot tell.</summary>
public sealed class ColourLineMatteTests
{
    [Fact]
    public void An_edge_put_two_pixels_into_the_background_moves_back_to_the_colour_edge()
    {
        using var image = Split(new Scalar(40, 40, 200), new Scalar(200, 120, 30));
        using var alpha = Matte(edgeAt: 42);
        using var matte = new ColourLineMatte(3);
        matte.Apply(image, alpha);
        // Columns 40 and 41 are background in the picture but person in the model's matte.
        Assert.True(alpha.At<byte>(30, 41) < 20, $"α at x 41 is {alpha.At<byte>(30, 41)}");
        Assert.True(alpha.At<byte>(30, 40) < 20, $"α at x 40 is {alpha.At<byte>(30, 40)}");
        Assert.Equal(255, alpha.At<byte>(30, 39));
        Assert.Equal(255, alpha.At<byte>(30, 20));
        Assert.Equal(0, alpha.At<byte>(30, 60));
    }

    [Fact]
    public void Where_person_and_background_look_alike_the_matte_is_kept()
    {
        using var image = Split(new Scalar(100, 100, 100), new Scalar(110, 105, 100));
        using var alpha = Matte(edgeAt: 42);
        using var before = alpha.Clone();
        using var matte = new ColourLineMatte(3);
        matte.Apply(image, alpha);
        using var diff = new Mat();
        Cv2.Absdiff(alpha, before, diff);
        Assert.Equal(0, Cv2.CountNonZero(diff));
    }

    /// <summary>80×60: <paramref name="left"/> (the person) for x &lt; 40, <paramref name="right"/> beyond.</summary>
    private static Mat Split(Scalar left, Scalar right)
    {
        var image = new Mat(60, 80, MatType.CV_8UC3, right);
        image[new Rect(0, 0, 40, 60)].SetTo(left);
        return image;
    }

    /// <summary>A matte that is person left of <paramref name="edgeAt"/>, with a one-pixel soft step.</summary>
    private static Mat Matte(int edgeAt)
    {
        var alpha = new Mat(60, 80, MatType.CV_8UC1, Scalar.All(0));
        alpha[new Rect(0, 0, edgeAt, 60)].SetTo(Scalar.All(255));
        alpha[new Rect(edgeAt, 0, 1, 60)].SetTo(Scalar.All(128));
        return alpha;
    }
}
