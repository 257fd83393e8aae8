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
/// Outfit recolour on the two portraits as they are (flag and all), fed as 10-frame still clips: garment-region IoU
/// against the hand-checked garment masks, mean ΔE2000 inside the garment to the target, mean ΔE2000 outside it
/// (before vs after), and how well the garment's lightness after follows the lightness before (Pearson r). One row
/// per colour and reference kind; then the patterned references (<see cref="OutfitPatternBench"/>; alone with
/// `--patterns-only`). `--sheets DIR` also writes before/after pictures.
/// </summary>
public static class OutfitBench
{
    private const int Frames = 10;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record Row(string Portrait, string Colour, string Kind, double IoU, double DeltaInside, double DeltaOutside, double LumaR);

    public static Task<int> RunAsync(string[] args)
    {
        var sheets = args.SkipWhile(a => a != "--sheets").Skip(1).FirstOrDefault();
        var factory = PersonFrameProcessorFactory.FromOptions();
        if (factory.OutfitUnavailableReason is { } reason)
        {
            Console.Error.WriteLine(reason);
            return Task.FromResult(1);
        }
        var work = Path.Combine(Path.GetTempPath(), "recut-bench-outfit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            if (!args.Contains("--patterns-only"))
            {
                var rows = new List<Row>();
                foreach (var (person, other) in new[] { (PersonAssets.GraceHopper, PersonAssets.Astronaut), (PersonAssets.Astronaut, PersonAssets.GraceHopper) })
                {
                    rows.AddRange(Portrait(factory, person, other, work, sheets));
                }
                Console.WriteLine(Table(rows));
            }
            Console.WriteLine(OutfitPatternBench.Run(factory, work, sheets));
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static List<Row> Portrait(PersonFrameProcessorFactory factory, PersonPhoto person, PersonPhoto other, string work, string? sheets)
    {
        using var photo = Cv2.ImRead(person.PhotoPath, ImreadModes.Color);
        using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(person), ImreadModes.Grayscale);
        var rows = new List<Row>();
        var tiles = new List<Mat> { photo.Clone() };
        foreach (var (name, bgr) in OutfitCases.Colours)
        {
            var slug = name.Replace(' ', '-');
            var target = ColourDifference.Lab(bgr);
            var cases = new (string Kind, FrameOperation Op, string? Reference)[]
            {
                ("text", new OutfitColourOp((byte)bgr.Val2, (byte)bgr.Val1, (byte)bgr.Val0, name), null),
                ("swatch", new OutfitRecolourOp(0), OutfitCases.Swatch(Path.Combine(work, $"swatch-{slug}.png"), bgr)),
                ("product shot", new OutfitRecolourOp(0), OutfitCases.ProductShot(Path.Combine(work, $"product-{slug}.png"), bgr)),
            };
            foreach (var (kind, op, reference) in cases)
            {
                using var after = Recolour(factory, photo, op, reference, work, out var mask);
                rows.Add(Measure(person.Name, name, kind, photo, after, mask, truth, target));
                Console.Error.WriteLine(rows[^1]);
                if (kind == "swatch")
                {
                    tiles.Add(after.Clone());
                }
                mask.Dispose();
            }
        }
        // The other portrait as the reference: a photo of a person wearing the garment.
        using (var otherPhoto = Cv2.ImRead(other.PhotoPath, ImreadModes.Color))
        using (var otherTruth = Cv2.ImRead(GarmentMetrics.TruthPath(other), ImreadModes.Grayscale))
        {
            var reference = Path.Combine(work, "person-reference.png");
            Cv2.ImWrite(reference, otherPhoto);
            var target = GarmentMetrics.MedianLab(otherPhoto, otherTruth);
            using var after = Recolour(factory, photo, new OutfitRecolourOp(0), reference, work, out var mask);
            rows.Add(Measure(person.Name, $"{other.Name}'s garment", "person photo", photo, after, mask, truth, target));
            Console.Error.WriteLine(rows[^1]);
            tiles.Add(after.Clone());
            if (sheets is not null)
            {
                WriteSheet(Path.Combine(sheets, $"outfit-{person.Name}.png"), tiles, mask, truth);
            }
            mask.Dispose();
        }
        tiles.ForEach(t => t.Dispose());
        return rows;
    }

    private static Mat Recolour(PersonFrameProcessorFactory factory, Mat photo, FrameOperation op, string? reference, string work, out Mat mask)
    {
        var refs = reference is null ? new List<LocalMedia>() : [new LocalMedia(reference, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 })];
        var context = new FrameContext(photo.Width, photo.Height, 30, refs, 0, work);
        using var processor = (OutfitRecolourProcessor)factory.Create(op, context);
        var after = StillRun.Run(photo, processor, Frames);
        mask = new Mat();
        Cv2.ExtractChannel(processor.GarmentMask, mask, 0);
        return after;
    }

    private static Row Measure(string portrait, string colour, string kind, Mat before, Mat after, Mat mask, Mat truth, Vec3f target)
    {
        var score = GarmentMetrics.Score(before, after, mask, truth, target);
        return new Row(portrait, colour, kind, score.IoU, score.DeltaInside, score.DeltaOutside, score.LumaR);
    }

    /// <summary>The tiles side by side, then the last garment mask against the truth: white both, red missed, blue extra.</summary>
    private static void WriteSheet(string path, List<Mat> tiles, Mat lastMask, Mat truth)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var hard = new Mat();
        using var truthHard = new Mat();
        Cv2.Threshold(lastMask, hard, 127, 255, ThresholdTypes.Binary);
        Cv2.Threshold(truth, truthHard, 127, 255, ThresholdTypes.Binary);
        using var both = new Mat();
        Cv2.BitwiseAnd(hard, truthHard, both);
        using var maskTile = new Mat();
        Cv2.Merge([hard, both, truthHard], maskTile);
        using var row = new Mat();
        Cv2.HConcat(tiles.Append(maskTile).ToArray(), row);
        using var small = new Mat();
        Cv2.Resize(row, small, new Size(row.Width / 2, row.Height / 2), 0, 0, InterpolationFlags.Area);
        Cv2.ImWrite(path, small);
        Console.Error.WriteLine($"sheet {path} (photo, {string.Join(", ", OutfitCases.Colours.Select(c => c.Name))} swatches, person-photo reference, its garment mask)");
    }

    private static string Table(List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| portrait | target | reference | garment IoU | mean ΔE00 inside to target | mean ΔE00 outside | luma r (recoloured part) |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(Inv, $"| {r.Portrait} | {r.Colour} | {r.Kind} | {r.IoU:0.000} | {r.DeltaInside:0.0} | {r.DeltaOutside:0.00} | {r.LumaR:0.00} |");
        }
        return sb.ToString();
    }
}
