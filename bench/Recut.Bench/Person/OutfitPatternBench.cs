using System.Globalization;
using System.Text;
using OpenCvSharp;
using Recut.Engines;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Support;
using Recut.Media.Probing;

namespace Recut.Bench.Person;

/// <summary>
/// Patterned outfit references on the two portraits (10-frame still clips): what was detected, garment IoU and ΔE
/// outside as for colours, and inside the true garment the stripes' a* contrast, their direction (mean |∂a*/∂x| over
/// |∂a*/∂y|), their period against the one expected from the reference scaled to the shoulders, the shading kept
/// (r of L* before/after on the first stripe colour) and the mean change between the last two frames there.
/// </summary>
public static class OutfitPatternBench
{
    private const int Frames = 20;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Case(string Name, Func<string, string> Draw, Scalar A, Scalar B, int? Period);

    private static readonly Case[] Cases =
    [
        new("vertical stripes swatch (red/cream, 40 px)", p => PatternCases.Stripes(p, PatternCases.Red, PatternCases.Cream, 40), PatternCases.Red, PatternCases.Cream, 40),
        new("horizontal stripes swatch (navy/cream, 40 px)", p => PatternCases.Stripes(p, PatternCases.Navy, PatternCases.Cream, 40, vertical: false), PatternCases.Navy, PatternCases.Cream, null),
        new("fine stripes swatch (navy/yellow, 14 px)", p => PatternCases.Stripes(p, PatternCases.Navy, PatternCases.Yellow, 14), PatternCases.Navy, PatternCases.Yellow, 14),
        new("checks swatch (red/cream, 50 px)", p => PatternCases.Checks(p, PatternCases.Red, PatternCases.Cream), PatternCases.Red, PatternCases.Cream, null),
        new("dots print swatch (cream ground)", p => PatternCases.Dots(p, PatternCases.Cream, [PatternCases.Red, PatternCases.Navy, PatternCases.Yellow]), PatternCases.Red, PatternCases.Cream, null),
        new("striped product shot (red/cream, 24 px)", p => PatternCases.StripedProductShot(p, PatternCases.Red, PatternCases.Cream), PatternCases.Red, PatternCases.Cream, 24),
    ];

    public static string Run(PersonFrameProcessorFactory factory, string work, string? sheets)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| portrait | reference | carried as | garment IoU | mean ΔE00 outside | a* contrast | direction ∂x/∂y | period px (expected) | shading r | last-frame change |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var person in new[] { PersonAssets.GraceHopper, PersonAssets.Astronaut })
        {
            using var photo = Cv2.ImRead(person.PhotoPath, ImreadModes.Color);
            using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(person), ImreadModes.Grayscale);
            var tiles = new List<Mat> { photo.Clone() };
            foreach (var c in Cases)
            {
                var reference = c.Draw(Path.Combine(work, $"pattern-{tiles.Count}.png"));
                var refs = new List<LocalMedia> { new(reference, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 }) };
                var op = (OutfitRecolourOp)factory.Resolve(new OutfitRecolourOp(0), refs);
                using var processor = (OutfitRecolourProcessor)factory.Create(op, new FrameContext(photo.Width, photo.Height, 30, refs, 0, work));
                var (after, change) = RunStill(photo, processor, truth);
                using var mask = new Mat();
                Cv2.ExtractChannel(processor.GarmentMask, mask, 0);
                var score = GarmentMetrics.Score(photo, after, mask, truth, ColourDifference.Lab(c.A));
                var stripes = StripeScore.Measure(photo, after, truth, c.A, c.B);
                var expected = c.Period is { } p && processor.Anchor is { } body && processor.PatternTileSize is { } tile
                    ? $"{stripes.Period} ({p * body.Size / tile.Width:0.0})" : "—";
                var row = string.Create(Inv, $"| {person.Name} | {c.Name} | {op.Reading?.Pattern ?? "colour"} | {score.IoU:0.000} | {score.DeltaOutside:0.00} | {stripes.Contrast:0.0} | {stripes.Anisotropy:0.00} | {expected} | {stripes.ShadingR:0.00} | {change:0.000} |");
                Console.Error.WriteLine(row);
                sb.AppendLine(row);
                tiles.Add(after);
            }
            if (sheets is not null)
            {
                Directory.CreateDirectory(sheets);
                using var strip = new Mat();
                Cv2.HConcat(tiles.ToArray(), strip);
                using var small = new Mat();
                Cv2.Resize(strip, small, new Size(strip.Width / 2, strip.Height / 2), 0, 0, InterpolationFlags.Area);
                var path = Path.Combine(sheets, $"outfit-pattern-{person.Name}.png");
                Cv2.ImWrite(path, small);
                Console.Error.WriteLine($"sheet {path} (photo, then {string.Join(", ", Cases.Select(c => c.Name))})");
            }
            tiles.ForEach(t => t.Dispose());
        }
        return sb.ToString();
    }

    /// <summary>The last output, and the mean |Δ| (0..255) inside the true garment between the last two outputs.</summary>
    private static (Mat After, double Change) RunStill(Mat photo, OutfitRecolourProcessor processor, Mat truth)
    {
        var buffer = new byte[photo.Width * photo.Height * 3];
        var previous = new byte[buffer.Length];
        using var continuous = photo.Clone();
        for (var i = 0; i < Frames; i++)
        {
            buffer.CopyTo(previous, 0);
            continuous.AsSpan<byte>().CopyTo(buffer);
            processor.Process(buffer, i);
        }
        processor.Complete();
        using var garment = truth.Clone();
        var inside = garment.AsSpan<byte>();
        double sum = 0;
        long n = 0;
        for (var i = 0; i < inside.Length; i++)
        {
            if (inside[i] > 127)
            {
                for (var c = 0; c < 3; c++)
                {
                    sum += Math.Abs(buffer[(3 * i) + c] - previous[(3 * i) + c]);
                }
                n += 3;
            }
        }
        return (Mat.FromPixelData(photo.Height, photo.Width, MatType.CV_8UC3, buffer).Clone(), sum / Math.Max(1, n));
    }
}
