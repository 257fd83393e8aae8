using OpenCvSharp;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Person;

/// <summary>
/// Outfit recolour on the two whole portraits, for every target colour and reference kind: the garment region
/// matches the hand-checked garment mask, lands near the target colour, keeps its shading, and nothing else
/// (face, shirt, the flag behind) changes.
/// </summary>
public sealed class OutfitColourTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("recut-outfit");

    public static TheoryData<string, string> ColoursAndKinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in OutfitCases.Colours)
        {
            foreach (var kind in new[] { "text", "swatch", "product shot" })
            {
                data.Add(name, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ColoursAndKinds))]
    public void Grace_Hoppers_jacket_takes_any_colour_from_any_kind_of_reference(string colour, string kind) =>
        Check(PersonAssets.GraceHopper, colour, kind, maxDeltaInside: 12);

    [Theory]
    [InlineData("red")]
    [InlineData("black")]
    [InlineData("white")]
    [InlineData("navy")]
    [InlineData("grey")]
    [InlineData("royal blue")]
    public void The_astronauts_suit_takes_any_colour_from_a_swatch(string colour) =>
        Check(PersonAssets.Astronaut, colour, "swatch", maxDeltaInside: 12);

    /// <summary>The swatches that used to end in "the garment region of the reference image is empty".</summary>
    [Theory]
    [InlineData(0x10, 0x60, 0xd0)]
    [InlineData(0x20, 0x40, 0xc0)]
    [InlineData(0x20, 0x20, 0x20)]
    [InlineData(0xe0, 0xe0, 0xe0)]
    public void Plain_swatches_that_used_to_crash_recolour_the_jacket(int r, int g, int b)
    {
        var bgr = new Scalar(b, g, r);
        var swatch = OutfitCases.Swatch(_dir.File($"swatch-{OutfitCases.Hex(bgr)[1..]}.png"), bgr);
        var (after, score) = PortraitOutfits.Run(PersonAssets.GraceHopper, new OutfitRecolourOp(0), swatch, ColourDifference.Lab(bgr), _dir.Path);
        after.Dispose();
        output.WriteLine($"{OutfitCases.Hex(bgr)}: {score}");
        Assert.True(score.DeltaInside <= 12, $"garment is ΔE {score.DeltaInside:0.0} from {OutfitCases.Hex(bgr)}");
        Assert.True(score.DeltaOutside <= 3, $"outside the garment changed by ΔE {score.DeltaOutside:0.00}");
    }

    [Theory]
    [InlineData("grace_hopper", "astronaut")]
    [InlineData("astronaut", "grace_hopper")]
    public void A_photo_of_a_person_gives_the_colour_of_what_they_wear(string wearer, string model)
    {
        var person = PersonAssets.All.Single(p => p.Name == wearer);
        var reference = PersonAssets.All.Single(p => p.Name == model);
        using var photo = Cv2.ImRead(reference.PhotoPath, ImreadModes.Color);
        using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(reference), ImreadModes.Grayscale);
        var target = GarmentMetrics.MedianLab(photo, truth);
        var path = _dir.File($"{model}.png");
        Cv2.ImWrite(path, photo);
        var (after, score) = PortraitOutfits.Run(person, new OutfitRecolourOp(0), path, target, _dir.Path);
        after.Dispose();
        output.WriteLine($"{wearer} wearing {model}'s garment colour: {score}");
        // Before, the astronaut photo gave the studio backdrop's light grey; its suit is orange.
        Assert.True(score.DeltaInside <= 12, $"garment is ΔE {score.DeltaInside:0.0} from the reference garment's colour");
        AssertRegionAndShading(score);
    }

    private void Check(PersonPhoto person, string colour, string kind, double maxDeltaInside)
    {
        var bgr = OutfitCases.Colours.Single(c => c.Name == colour).Bgr;
        var slug = colour.Replace(' ', '-');
        var (op, reference) = kind switch
        {
            "text" => ((FrameOperation)new OutfitColourOp((byte)bgr.Val2, (byte)bgr.Val1, (byte)bgr.Val0, colour), (string?)null),
            "swatch" => (new OutfitRecolourOp(0), OutfitCases.Swatch(_dir.File($"swatch-{slug}.png"), bgr)),
            _ => (new OutfitRecolourOp(0), OutfitCases.ProductShot(_dir.File($"product-{slug}.png"), bgr)),
        };
        var (after, score) = PortraitOutfits.Run(person, op, reference, ColourDifference.Lab(bgr), _dir.Path);
        after.Dispose();
        output.WriteLine($"{person.Name}, {colour} from {kind}: {score}");
        Assert.True(score.DeltaInside <= maxDeltaInside, $"garment is ΔE {score.DeltaInside:0.0} from {colour}");
        AssertRegionAndShading(score);
    }

    private static void AssertRegionAndShading(GarmentScore score)
    {
        Assert.True(score.IoU >= 0.85, $"garment region IoU {score.IoU:0.000}");
        Assert.True(score.DeltaOutside <= 3, $"outside the garment changed by ΔE {score.DeltaOutside:0.00}");
        Assert.True(score.LumaR >= 0.8, $"shading correlation {score.LumaR:0.00}");
    }

    public void Dispose() => _dir.Dispose();
}
