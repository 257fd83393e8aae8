using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Local.Person.Outfit;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.Media.Probing;
using Recut.TestSupport;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Person;

/// <summary>
/// A patterned reference carried onto Grace Hopper's jacket (the whole portrait as a still clip): the stripes
/// appear inside the hand-checked garment with the reference's direction and (scaled to her shoulders) period,
/// keep the jacket's shading, hold still from frame to frame, move with her, and leave everything else alone;
/// the plan says what was done.
/// </summary>
public sealed class OutfitPatternTests(ITestOutputHelper output) : IDisposable
{
    private const int Frames = 20;
    private readonly TempDir _dir = new("recut-outfit-pattern");

    [Fact]
    public void Vertical_stripes_from_a_fabric_swatch_run_down_the_jacket_with_its_shading()
    {
        var reference = PatternCases.Stripes(_dir.File("stripes.png"), PatternCases.Red, PatternCases.Cream, period: 40);
        using var photo = Cv2.ImRead(PersonAssets.GraceHopper.PhotoPath, ImreadModes.Color);
        using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(PersonAssets.GraceHopper), ImreadModes.Grayscale);
        using var run = Run(photo, reference);
        Assert.Equal(PatternKind.Stripes, run.Pattern);
        var stripes = StripeScore.Measure(photo, run.After, truth, PatternCases.Red, PatternCases.Cream);
        var score = GarmentMetrics.Score(photo, run.After, run.Mask, truth, ColourDifference.Lab(PatternCases.Red));
        var expectedPeriod = 40.0 * run.Anchor.Size / run.TileWidth;
        output.WriteLine($"{stripes}; expected period {expectedPeriod:0.0} px; {score}; frame-to-frame change {run.LastChange:0.000}");
        Assert.InRange(stripes.ShareA, 0.3, 0.7);
        Assert.True(stripes.Contrast >= 25, $"a* contrast between the stripes {stripes.Contrast:0.0}");
        Assert.True(stripes.Anisotropy >= 3, $"stripes not vertical: anisotropy {stripes.Anisotropy:0.0}");
        Assert.InRange(stripes.Period, expectedPeriod * 0.85, expectedPeriod * 1.15);
        Assert.True(stripes.ShadingR >= 0.8, $"shading correlation on the red stripes {stripes.ShadingR:0.00}");
        Assert.True(score.IoU >= 0.85, $"garment region IoU {score.IoU:0.000}");
        Assert.True(score.DeltaOutside <= 3, $"outside the garment changed by ΔE {score.DeltaOutside:0.00}");
        Assert.True(run.LastChange <= 0.5, $"the pattern shimmers: mean change between the last frames {run.LastChange:0.000}");
    }

    [Fact]
    public void Horizontal_stripes_stay_horizontal_and_checks_show_both_ways()
    {
        using var photo = Cv2.ImRead(PersonAssets.GraceHopper.PhotoPath, ImreadModes.Color);
        using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(PersonAssets.GraceHopper), ImreadModes.Grayscale);
        using (var run = Run(photo, PatternCases.Stripes(_dir.File("h.png"), PatternCases.Red, PatternCases.Cream, vertical: false)))
        {
            var s = StripeScore.Measure(photo, run.After, truth, PatternCases.Red, PatternCases.Cream);
            output.WriteLine($"horizontal: {s}");
            Assert.True(s.Anisotropy <= 1 / 3.0, $"stripes not horizontal: anisotropy {s.Anisotropy:0.00}");
            Assert.True(s.Contrast >= 25, $"a* contrast {s.Contrast:0.0}");
        }
        using (var run = Run(photo, PatternCases.Checks(_dir.File("c.png"), PatternCases.Red, PatternCases.Cream)))
        {
            Assert.Equal(PatternKind.Checks, run.Pattern);
            var s = StripeScore.Measure(photo, run.After, truth, PatternCases.Red, PatternCases.Cream);
            output.WriteLine($"checks: {s}");
            Assert.InRange(s.Anisotropy, 0.5, 2);
            Assert.True(s.Contrast >= 25, $"a* contrast {s.Contrast:0.0}");
            Assert.InRange(s.ShareA, 0.3, 0.7);
        }
    }

    [Fact]
    public void The_pattern_moves_with_the_person_not_with_the_frame()
    {
        const int Shift = 20;
        var reference = PatternCases.Stripes(_dir.File("stripes.png"), PatternCases.Red, PatternCases.Cream, period: 40);
        using var photo = Cv2.ImRead(PersonAssets.GraceHopper.PhotoPath, ImreadModes.Color);
        using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(PersonAssets.GraceHopper), ImreadModes.Grayscale);
        using var shifted = new Mat();
        Cv2.CopyMakeBorder(photo, shifted, 0, 0, Shift, 0, BorderTypes.Replicate);
        using var widened = new Mat();
        Cv2.CopyMakeBorder(photo, widened, 0, 0, 0, Shift, BorderTypes.Replicate);
        using var a = Run(widened, reference);
        using var b = Run(shifted, reference);
        using var inner = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(9, 9)))
        {
            Cv2.Erode(truth, inner, kernel);
        }
        double withBody = 0, withFrame = 0;
        long n = 0;
        int width = photo.Width, height = photo.Height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width - Shift; x++)
            {
                if (inner.At<byte>(y, x) < 128)
                {
                    continue;
                }
                var p = a.After.At<Vec3b>(y, x);
                withBody += Diff(p, b.After.At<Vec3b>(y, x + Shift));
                withFrame += Diff(p, b.After.At<Vec3b>(y, x));
                n++;
            }
        }
        withBody /= n;
        withFrame /= n;
        output.WriteLine($"mean |ΔBGR| on the jacket: following the body {withBody:0.0}, fixed to the frame {withFrame:0.0}");
        Assert.True(withBody < withFrame * 0.4, $"the pattern did not move with the person ({withBody:0.0} vs {withFrame:0.0})");
    }

    [Fact]
    public void The_plan_says_a_pattern_is_carried_or_a_colour_is_changed()
    {
        var striped = References(PatternCases.Stripes(_dir.File("s.png"), PatternCases.Red, PatternCases.Cream));
        var flat = References(OutfitCases.Swatch(_dir.File("f.png"), PatternCases.Red));
        var op = new OutfitRecolourOp(0);
        var pattern = (OutfitRecolourOp)PortraitOutfits.Factory.Resolve(op, striped);
        var colour = (OutfitRecolourOp)PortraitOutfits.Factory.Resolve(op, flat);
        output.WriteLine(op.Describe());
        output.WriteLine(pattern.Describe());
        output.WriteLine(colour.Describe());
        Assert.StartsWith("carry the striped pattern of the garment in reference image 1 (a swatch of the fabric) onto the person's clothing", pattern.Describe(), StringComparison.Ordinal);
        Assert.StartsWith("recolour the person's clothing to the colour of the garment in reference image 1 (a colour swatch, #", colour.Describe(), StringComparison.Ordinal);
        Assert.Matches(@"\(a colour swatch, #c[89]2[789]2[789]\)", colour.Describe());
        Assert.Contains("or carry its pattern over", op.Describe(), StringComparison.Ordinal);
        var step = PlanView.Step(pattern);
        Assert.Equal(("pattern", "striped"), (step.Mode, step.Pattern));
        Assert.Equal(("colour", (string?)null), (PlanView.Step(colour).Mode, PlanView.Step(colour).Pattern));
        Assert.Null(PlanView.Step(op).Mode);
    }

    /// <summary>The engine resolves a step (its plan says what the reference is), then creates its processor: one measurement.</summary>
    [Fact]
    public void A_resolved_outfit_step_is_rendered_from_the_one_measurement_of_its_reference()
    {
        var measurements = 0;
        var root = PersonAssets.ModelsRoot();
        var factory = new PersonFrameProcessorFactory(
            new MediaPipeSegmenterFactory(root), Path.Combine(root, ModelLocator.MediaPipeFolder, BlazeFaceDetector.ModelFile), null,
            (image, people) =>
            {
                measurements++;
                return GarmentPalette.Measure(image, people);
            });
        var striped = References(PatternCases.Stripes(_dir.File("once.png"), PatternCases.Red, PatternCases.Cream));
        var context = new FrameContext(64, 64, 30, striped, 0, _dir.Path);
        var resolved = (OutfitRecolourOp)factory.Resolve(new OutfitRecolourOp(0), striped);
        Assert.Equal(1, measurements);
        using (var processor = (OutfitRecolourProcessor)factory.Create(resolved, context))
        {
            Assert.Equal(1, measurements);
            Assert.Equal(PatternKind.Stripes, processor.Pattern);
            Assert.Equal(resolved.Reading!.Hex, processor.Garment.Hex);
        }
        // Handed over once: a second processor for the same step, or a step never resolved, measures for itself.
        using (var again = (OutfitRecolourProcessor)factory.Create(resolved, context))
        {
            Assert.Equal(2, measurements);
            Assert.Equal(PatternKind.Stripes, again.Pattern);
        }
        using (factory.Create(new OutfitRecolourOp(0), context))
        {
            Assert.Equal(3, measurements);
        }
    }

    /// <summary>Badges, patches, a name tag and lit folds are no pattern: the two portraits as references stay colours.</summary>
    [Theory]
    [InlineData("grace_hopper")]
    [InlineData("astronaut")]
    public void A_photo_of_a_person_in_a_plain_garment_gives_a_colour(string name)
    {
        var person = PersonAssets.All.Single(p => p.Name == name);
        var context = new FrameContext(64, 64, 30, References(person.PhotoPath), 0, _dir.Path);
        using var measured = PortraitOutfits.Factory.MeasureReference(context, 0);
        var (_, measure) = measured.Pattern is { } p ? (p.Kind, p.Measure) : (PatternKind.None, null);
        output.WriteLine($"{name}: {measured.Kind}, pattern {measured.Pattern?.Kind.ToString() ?? "none"} {measure}");
        Assert.Equal(Local.Person.Outfit.ReferenceKind.PersonPhoto, measured.Kind);
        Assert.Null(measured.Pattern);
    }

    private static double Diff(Vec3b p, Vec3b q) => (Math.Abs(p.Item0 - q.Item0) + Math.Abs(p.Item1 - q.Item1) + Math.Abs(p.Item2 - q.Item2)) / 3.0;

    private static List<LocalMedia> References(string path) => [new LocalMedia(path, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 })];

    private PatternRun Run(Mat photo, string reference)
    {
        using var processor = (OutfitRecolourProcessor)PortraitOutfits.Factory.Create(new OutfitRecolourOp(0),
            new FrameContext(photo.Width, photo.Height, 30, References(reference), 0, _dir.Path));
        var buffer = new byte[photo.Width * photo.Height * 3];
        var previous = new byte[buffer.Length];
        using var continuous = photo.Clone();
        double change = 0;
        for (var i = 0; i < Frames; i++)
        {
            buffer.CopyTo(previous, 0);
            continuous.AsSpan<byte>().CopyTo(buffer);
            processor.Process(buffer, i);
            if (i == Frames - 1)
            {
                change = buffer.Zip(previous, (x, y) => Math.Abs(x - y)).Average();
            }
        }
        processor.Complete();
        var mask = new Mat();
        Cv2.ExtractChannel(processor.GarmentMask, mask, 0);
        return new PatternRun(Mat.FromPixelData(photo.Height, photo.Width, MatType.CV_8UC3, buffer).Clone(), mask, processor.Pattern,
            processor.Anchor ?? throw new InvalidOperationException("no pattern anchor"), processor.PatternTileSize?.Width ?? 0, change);
    }

    private sealed record PatternRun(Mat After, Mat Mask, PatternKind Pattern, BodyFrame Anchor, int TileWidth, double LastChange) : IDisposable
    {
        public void Dispose()
        {
            After.Dispose();
            Mask.Dispose();
        }
    }

    public void Dispose() => _dir.Dispose();
}
