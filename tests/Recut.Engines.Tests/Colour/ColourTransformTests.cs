using System.Globalization;
using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Tests.Colour;

public sealed class ColourTransformTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(255, 255, 255)]
    [InlineData(200, 30, 90)]
    [InlineData(12, 140, 250)]
    public void Lab_round_trip_is_exact_to_a_fraction_of_a_level(byte r, byte g, byte b)
    {
        var (nr, ng, nb) = SrgbLab.ToSrgb(SrgbLab.FromBytes(r, g, b));
        Assert.InRange(nr * 255, r - 0.01, r + 0.01);
        Assert.InRange(ng * 255, g - 0.01, g + 0.01);
        Assert.InRange(nb * 255, b - 0.01, b + 0.01);
    }

    [Fact]
    public void Lab_of_known_colours()
    {
        var white = SrgbLab.FromBytes(255, 255, 255);
        Assert.InRange(white.L, 99.99, 100.01);
        Assert.InRange(Math.Abs(white.A) + Math.Abs(white.B), 0, 0.01);
        var red = SrgbLab.FromBytes(255, 0, 0);
        Assert.InRange(red.L, 53.2, 53.3);
        Assert.InRange(red.A, 80.0, 80.2);
    }

    [Fact]
    public void Identity_lut_maps_every_grid_point_to_itself()
    {
        var lines = LutBuilder.Build(ColourTransform.Create(null, null, null, []), 5).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("LUT_3D_SIZE 5", lines);
        var data = lines.Where(l => char.IsDigit(l[0])).ToList();
        Assert.Equal(125, data.Count);
        // Red changes fastest: line 1 is (0.25, 0, 0), line 5 is (0, 0.25, 0), line 25 is (0, 0, 0.25).
        Assert.Equal("0.250000 0.000000 0.000000", data[1]);
        Assert.Equal("0.000000 0.250000 0.000000", data[5]);
        Assert.Equal("0.000000 0.000000 0.250000", data[25]);
    }

    [Fact]
    public void Reinhard_transfer_moves_the_statistics_to_the_reference()
    {
        var source = new LabStatistics(new LabColour(40, 5, -30), new LabColour(10, 4, 8), 1);
        var target = new LabStatistics(new LabColour(65, 20, 45), new LabColour(15, 6, 10), 1);
        var full = ColourTransform.Create(new ColourLookOp(0, 1.0), source, target, []);
        var (r, g, b) = SrgbLab.ToSrgb(source.Mean);
        var moved = Lab(full.Apply(r, g, b));
        Assert.InRange(moved.L, 64, 66);
        Assert.InRange(moved.A, 19, 21);
        Assert.InRange(moved.B, 44, 46);

        var half = Lab(ColourTransform.Create(new ColourLookOp(0, 0.5), source, target, []).Apply(r, g, b));
        Assert.InRange(half.L, 51.5, 53.5);
    }

    [Fact]
    public void Looks_compose_in_one_function()
    {
        var t = ColourTransform.Create(null, null, null, [new GlobalLookOp(GlobalLook.Sepia, 1), new GlobalLookOp(GlobalLook.Brightness, 0.35)]);
        var (r, g, b) = t.Apply(0.4, 0.5, 0.6);
        Assert.True(r > g && g > b, string.Create(CultureInfo.InvariantCulture, $"{r} {g} {b}"));
        var (gr, gg, gb) = ColourTransform.Create(null, null, null, [new GlobalLookOp(GlobalLook.Grayscale, 1)]).Apply(0.9, 0.2, 0.1);
        Assert.InRange(Math.Abs(gr - gg) + Math.Abs(gg - gb), 0, 1e-6);
    }

    private static LabColour Lab((double R, double G, double B) c) => SrgbLab.FromSrgb(c.R, c.G, c.B);
}
