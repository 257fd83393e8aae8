using OpenCvSharp;
using Recut.Engines.Local.Person.Outfit;
using Recut.Engines.Tests.Person.Support;
using Recut.Protocol.Errors;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Person;

/// <summary>
/// Patterned or flat, from the reference alone (no models): drawn fabric swatches and product shots in stripes,
/// checks and dots are patterned, of the right kind, and give a tile of the pattern; every flat swatch and flat
/// product shot of the outfit cases stays a colour.
/// </summary>
public sealed class PatternDetectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("recut-pattern");

    [Theory]
    [InlineData("vertical stripes", PatternKind.Stripes)]
    [InlineData("horizontal stripes", PatternKind.Stripes)]
    [InlineData("fine stripes", PatternKind.Stripes)]
    [InlineData("checks", PatternKind.Checks)]
    [InlineData("dots", PatternKind.Print)]
    [InlineData("striped product shot", PatternKind.Stripes)]
    public void A_patterned_reference_is_found_patterned_and_of_its_kind(string name, PatternKind expected)
    {
        var path = _dir.File(name.Replace(' ', '-') + ".png");
        _ = name switch
        {
            "vertical stripes" => PatternCases.Stripes(path, PatternCases.Red, PatternCases.Cream),
            "horizontal stripes" => PatternCases.Stripes(path, PatternCases.Navy, PatternCases.Cream, vertical: false),
            "fine stripes" => PatternCases.Stripes(path, PatternCases.Navy, PatternCases.Yellow, period: 14),
            "checks" => PatternCases.Checks(path, PatternCases.Navy, PatternCases.Cream),
            "dots" => PatternCases.Dots(path, PatternCases.Cream, [PatternCases.Red, PatternCases.Navy, PatternCases.Yellow]),
            _ => PatternCases.StripedProductShot(path, PatternCases.Red, PatternCases.Cream),
        };
        using var image = Cv2.ImRead(path);
        using var result = GarmentPalette.Measure(image);
        output.WriteLine($"{name}: {result.Kind}, {result.Pattern?.Kind} ({result.Pattern?.Measure}), tile {result.Pattern?.Tile.Size()}");
        Assert.NotNull(result.Pattern);
        Assert.Equal(expected, result.Pattern!.Kind);
        Assert.Equal(name.Contains("product", StringComparison.Ordinal) ? ReferenceKind.ProductShot : ReferenceKind.Swatch, result.Kind);
        // The tile is cut from inside the garment: for the product shot, no backdrop in it.
        var tile = result.Pattern.Tile;
        Assert.True(tile.Width >= 60 && tile.Height >= 60, $"tile {tile.Size()}");
        using var lab = new Mat();
        Cv2.CvtColor(tile, lab, ColorConversionCodes.BGR2Lab);
        using var backdrop = new Mat();
        Cv2.InRange(tile, new Scalar(246, 246, 246), new Scalar(255, 255, 255), backdrop);
        Assert.True(Cv2.CountNonZero(backdrop) < tile.Total() * 0.01, "the tile holds backdrop");
    }

    [Theory]
    [InlineData("swatch")]
    [InlineData("product shot")]
    public void Flat_references_of_every_colour_stay_a_colour(string kind)
    {
        foreach (var (name, bgr) in OutfitCases.Colours)
        {
            var path = _dir.File($"{kind.Replace(' ', '-')}-{name.Replace(' ', '-')}.png");
            using var image = Cv2.ImRead(kind == "swatch" ? OutfitCases.Swatch(path, bgr) : OutfitCases.ProductShot(path, bgr));
            using var result = GarmentPalette.Measure(image);
            output.WriteLine($"{name} {kind}: {result.Kind}, pattern {result.Pattern?.Kind.ToString() ?? "none"}");
            Assert.Null(result.Pattern);
        }
    }

    [Fact]
    public void A_patterned_garment_too_thin_to_cut_a_tile_from_fails_clearly()
    {
        using var image = Cv2.ImRead(PatternCases.Sash(_dir.File("sash.png"), PatternCases.Red, PatternCases.Navy));
        var error = Assert.Throws<ApiErrorException>(() => GarmentPalette.Measure(image).Dispose());
        output.WriteLine(error.Message);
        Assert.Equal(ErrorCodes.UnsupportedEdit, error.Error.Code);
        Assert.Contains("too little of it shows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vertical stripes", 40, 0)]
    [InlineData("horizontal stripes", 0, 40)]
    [InlineData("checks", 50, 50)]
    public void A_regular_pattern_is_cut_to_whole_periods_and_wraps_round(string name, int periodX, int periodY)
    {
        var path = _dir.File("tile.png");
        _ = name == "checks" ? PatternCases.Checks(path, PatternCases.Red, PatternCases.Cream, periodX)
            : PatternCases.Stripes(path, PatternCases.Red, PatternCases.Cream, 40, vertical: periodX > 0);
        using var image = Cv2.ImRead(path);
        // An odd cut, as from inside a garment: the period does not divide it.
        using var tile = new Mat(image, new Rect(3, 5, 283, 271)).Clone();
        var (repeatable, border) = PatternRepeat.Prepare(tile);
        using (repeatable)
        {
            output.WriteLine($"{name}: {repeatable.Size()} {border}");
            Assert.Equal(BorderTypes.Wrap, border);
            if (periodX > 0)
            {
                Assert.Equal(0, repeatable.Width % periodX);
            }
            if (periodY > 0)
            {
                Assert.Equal(0, repeatable.Height % periodY);
            }
        }
    }

    [Fact]
    public void A_print_with_no_period_is_mirrored_at_its_edges()
    {
        using var image = Cv2.ImRead(PatternCases.Dots(_dir.File("dots.png"), PatternCases.Cream, [PatternCases.Red, PatternCases.Navy]));
        var (repeatable, border) = PatternRepeat.Prepare(image);
        repeatable.Dispose();
        Assert.Equal(BorderTypes.Reflect101, border);
    }

    [Fact]
    public void The_largest_inscribed_rectangle_is_found()
    {
        using var mask = new Mat(60, 80, MatType.CV_8UC1, Scalar.All(0));
        mask[new Rect(10, 5, 30, 40)].SetTo(Scalar.All(255));
        mask[new Rect(35, 20, 40, 10)].SetTo(Scalar.All(255));
        Assert.Equal(new Rect(10, 5, 30, 40), InscribedRectangle.Find(mask));
    }

    public void Dispose() => _dir.Dispose();
}
