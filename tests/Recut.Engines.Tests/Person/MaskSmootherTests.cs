using OpenCvSharp;
using Recut.Engines.Local.Person.Masks;

namespace Recut.Engines.Tests.Person;

public sealed class MaskSmootherTests
{
    private static readonly MaskOptions NoShaping = new() { FeatherSigma = 0, EdgeLow = 0, EdgeHigh = 255 };

    [Fact]
    public void Noise_on_a_still_mask_is_damped()
    {
        using var smoother = new MaskSmoother(NoShaping);
        using var output = new Mat();
        var random = new Random(1);
        var swings = new List<int>();
        var previous = -1;
        for (var frame = 0; frame < 60; frame++)
        {
            using var raw = new Mat(8, 8, MatType.CV_8UC1, Scalar.All(128 + random.Next(-12, 13)));
            smoother.Smooth(raw, output);
            int value = output.At<byte>(3, 3);
            if (previous >= 0)
            {
                swings.Add(Math.Abs(value - previous));
            }
            previous = value;
        }
        // Raw swings average ~8; the average after smoothing must be well under half of that.
        Assert.True(swings.Average() < 4, $"mean swing {swings.Average():0.0}");
    }

    [Fact]
    public void A_person_stepping_in_is_followed_at_once()
    {
        using var smoother = new MaskSmoother(NoShaping);
        using var output = new Mat();
        using var empty = new Mat(8, 8, MatType.CV_8UC1, Scalar.All(0));
        using var full = new Mat(8, 8, MatType.CV_8UC1, Scalar.All(255));
        for (var i = 0; i < 5; i++)
        {
            smoother.Smooth(empty, output);
        }
        smoother.Smooth(full, output);
        Assert.Equal(255, output.At<byte>(4, 4));
    }

    [Fact]
    public void Edge_curve_sharpens_and_keeps_the_ends()
    {
        using var smoother = new MaskSmoother(new MaskOptions { FeatherSigma = 0, EdgeLow = 64, EdgeHigh = 192 });
        using var output = new Mat();
        using var raw = Mat.FromPixelData(1, 5, MatType.CV_8UC1, new byte[] { 0, 64, 128, 192, 255 });
        smoother.Smooth(raw, output);
        Assert.Equal(new byte[] { 0, 0, 128, 255, 255 }, output.AsSpan<byte>().ToArray());
    }

    [Fact]
    public void Rejects_bad_options_and_bad_masks()
    {
        Assert.Throws<ArgumentException>(() => new MaskSmoother(new MaskOptions { EdgeLow = 200, EdgeHigh = 100 }));
        using var smoother = new MaskSmoother(new MaskOptions());
        using var colour = new Mat(4, 4, MatType.CV_8UC3);
        using var output = new Mat();
        Assert.Throws<ArgumentException>(() => smoother.Smooth(colour, output));
    }
}
