using System.Globalization;
using System.Text;
using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>
/// Matte edges on truth clips (<c>matte [--quick]</c>): each frame's person is put on a dark flat background
/// (where halos show most) with edge refinement off and on, and compared with the ideal composite — the truth
/// mask over the same background, α·clip + (1 − α)·new — in a band ±10 px around the true boundary: SAD
/// (Σ|Δ| over the band's pixels and channels, in units of 255, ÷1000, per frame, as matting benchmarks report it)
/// and MSE (×10³, values 0..1). With refinement on, also the refined matte's IoU and its frame-to-frame change.
/// </summary>
public static class MatteBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Scalar NewBackground = new(24, 24, 24);
    private static string? _sheet;

    public sealed record Row(string Clip, bool Refined, double Sad, double Mse, double? IoU, double? Flicker)
    {
        /// <summary>Refined without the colour-line step (only in <c>--colour-line</c> runs).</summary>
        public bool GuidedOnly { get; init; }

        /// <summary>Which of the <c>--close-up</c> runs this is (null in the other modes).</summary>
        public string? Variant { get; init; }
    }

    /// <summary>The <c>--close-up</c> runs, in table order: with and without the second, person-cropped model pass.</summary>
    private static readonly (string Name, bool Refine, bool Crop)[] CloseUpVariants =
    [
        ("coarse", false, false), ("coarse + close-up", false, true), ("refined", true, false), ("refined + close-up", true, true),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var compareLine = args.Contains("--colour-line");
        var compareCloseUp = args.Contains("--close-up");
        _sheet = args.SkipWhile(a => a != "--sheet").Skip(1).FirstOrDefault();
        var work = Path.Combine(Path.GetTempPath(), "recut-bench-matte-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var rows = new List<Row>();
            var seconds = quick ? 2 : 4;
            var only = Environment.GetEnvironmentVariable("RECUT_MATTE_CLIPS");
            foreach (var person in PersonAssets.All)
            {
                // lavfi's gradients pick random colours unless seeded; seeded, every run sees the same clips.
                var gradients = $"gradients=seed={(person.Name == PersonAssets.Astronaut.Name ? 1 : 2)}";
                var specs = new List<TruthClipSpec>
                {
                    new($"{person.Name}-still-gradients", person, gradients, 1280, 720, seconds, PersonMotion.Still),
                    new($"{person.Name}-sway-gradients", person, gradients, 1280, 720, seconds, PersonMotion.Sway),
                    new($"{person.Name}-sway-mandelbrot", person, "mandelbrot", 1280, 720, seconds, PersonMotion.Sway),
                    new($"{person.Name}-sway-testsrc2", person, "testsrc2", 1280, 720, seconds, PersonMotion.Sway),
                };
                foreach (var spec in specs.Where(s => only is null || only.Split(',').Any(o => s.Name.Contains(o, StringComparison.Ordinal))))
                {
                    var clip = await TruthClipBuilder.BuildAsync(spec, work);
                    if (compareCloseUp)
                    {
                        // Every variant on the same clip (the gradients are random per build), so the differences are the passes' own.
                        var picked = Environment.GetEnvironmentVariable("RECUT_MATTE_VARIANTS")?.Split(',');
                        foreach (var (name, refine, crop) in CloseUpVariants.Where(v => picked is null || picked.Contains(v.Name)))
                        {
                            var row = await MeasureAsync(clip, Options(refine) with { PersonCrop = crop }, refine, spec.Motion == PersonMotion.Still, name) with { Variant = name };
                            Console.Error.WriteLine(row);
                            rows.Add(row);
                        }
                        continue;
                    }
                    foreach (var refine in Environment.GetEnvironmentVariable("RECUT_MATTE_REFINED_ONLY") is null ? new[] { false, true } : [true])
                    {
                        // The coarse baseline is the one-pass model mask, as it was before refinement.
                        var row = await MeasureAsync(clip, refine ? Options(true) : Options(false) with { PersonCrop = false }, refine, spec.Motion == PersonMotion.Still);
                        Console.Error.WriteLine(row);
                        rows.Add(row);
                    }
                    if (compareLine)
                    {
                        // The same clip refined by the guided filter alone: the colour line's own effect.
                        var row = await MeasureAsync(clip, Options(true) with { ColourLine = false }, true, spec.Motion == PersonMotion.Still) with { GuidedOnly = true };
                        Console.Error.WriteLine(row);
                        rows.Add(row);
                    }
                }
            }
            Console.WriteLine(Table(rows));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Row> MeasureAsync(TruthClip clip, MaskOptions options, bool refine, bool still, string? variant = null)
    {
        var factory = PersonFrameProcessorFactory.FromOptions(null, options);
        var context = new FrameContext(clip.Width, clip.Height, 30, [], 0, Path.GetTempPath());
        using var processor = (BackgroundSolidProcessor)factory.Create(new Recut.Engines.Local.Plan.BackgroundSolidOp((byte)NewBackground.Val2, (byte)NewBackground.Val1, (byte)NewBackground.Val0, "dark"), context);
        var n = clip.Width * clip.Height;
        var clipCopy = new byte[n * 3];
        var previous = new byte[n];
        double sad = 0, mse = 0, iou = 0, change = 0;
        long bandPixels = 0;
        using var truthBin = new Mat();
        using var inner = new Mat();
        using var band = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(21, 21));
        var frames = await TruthFrameReader.ReadAsync(clip, (bgr, truth, index) =>
        {
            bgr.CopyTo(clipCopy);
            processor.Process(bgr, index);
            using var truthMat = Mat.FromPixelData(clip.Height, clip.Width, MatType.CV_8UC1, truth.ToArray());
            Cv2.Threshold(truthMat, truthBin, 127, 255, ThresholdTypes.Binary);
            Cv2.Erode(truthBin, inner, kernel);
            Cv2.Dilate(truthBin, band, kernel);
            Cv2.Subtract(band, inner, band);
            var b = band.AsSpan<byte>();
            double frameSad = 0;
            for (var i = 0; i < n; i++)
            {
                if (b[i] == 0)
                {
                    continue;
                }
                bandPixels++;
                var t = truth[i];
                for (var c = 0; c < 3; c++)
                {
                    var ideal = ((t * clipCopy[(3 * i) + c]) + ((255 - t) * NewBackground[c])) / 255.0;
                    var e = Math.Abs(bgr[(3 * i) + c] - ideal) / 255.0;
                    frameSad += e;
                    mse += e * e;
                }
            }
            sad += frameSad / 1000;
            if (_sheet is not null && index == 30)
            {
                SaveFrame(bgr, clip, variant ?? (refine ? "refined" : "coarse"));
            }
            if (processor.EdgeAlpha is { } alpha)
            {
                var a = alpha.AsSpan<byte>();
                iou += MaskMetrics.IoU(a, truth);
                if (index > 0)
                {
                    change += MaskMetrics.MeanAbsoluteChange(a, previous);
                }
                a.CopyTo(previous);
            }
        });
        return new Row(clip.Spec.Name, refine, sad / frames, 1000 * mse / (3.0 * bandPixels),
            refine ? iou / frames : null, refine && still ? change / Math.Max(1, frames - 1) : null);
    }

    /// <summary>Frame 30 of each run, written as <c>SHEET-clip-coarse|refined.png</c> for a look by eye.</summary>
    private static void SaveFrame(Span<byte> bgr, TruthClip clip, string variant)
    {
        using var view = Mat.FromPixelData(clip.Height, clip.Width, MatType.CV_8UC3, bgr.ToArray());
        var path = Path.ChangeExtension(_sheet!, null) + $"-{clip.Spec.Name}-{variant.Replace(" + ", "-", StringComparison.Ordinal)}.png";
        Cv2.ImWrite(path, view);
    }

    /// <summary>The engine's defaults; RECUT_EDGE_RADIUS / _EPSILON / _CONTRAST / _COLOUR_LINE (0 = off) / _COLOUR_BAND and RECUT_CROP_PADDING / _HOLD / _MASK_SCALE / _FEATHER / _FULL_EVERY override them for tuning runs.</summary>
    private static MaskOptions Options(bool refine)
    {
        var o = new MaskOptions { RefineEdges = refine };
        static double? Env(string name) => double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, Inv, out var v) ? v : null;
        return o with
        {
            ColourLine = Environment.GetEnvironmentVariable("RECUT_EDGE_COLOUR_LINE") is { } line ? line != "0" : o.ColourLine,
            ColourLineBand = (int)(Env("RECUT_EDGE_COLOUR_BAND") ?? o.ColourLineBand),
            EdgeRadius = Env("RECUT_EDGE_RADIUS") ?? o.EdgeRadius,
            EdgeEpsilon = Env("RECUT_EDGE_EPSILON") ?? o.EdgeEpsilon,
            EdgeContrast = Env("RECUT_EDGE_CONTRAST") ?? o.EdgeContrast,
            EdgeGuideSide = (int)(Env("RECUT_EDGE_GUIDE") ?? o.EdgeGuideSide),
            PersonCropFeatherSigma = Env("RECUT_CROP_FEATHER") ?? o.PersonCropFeatherSigma,
            PersonCropFullEvery = (int)(Env("RECUT_CROP_FULL_EVERY") ?? o.PersonCropFullEvery),
            PersonCropPadding = Env("RECUT_CROP_PADDING") ?? o.PersonCropPadding,
            PersonCropHold = Env("RECUT_CROP_HOLD") ?? o.PersonCropHold,
            PersonCropMaskScale = (int)(Env("RECUT_CROP_MASK_SCALE") ?? o.PersonCropMaskScale),
        };
    }

    /// <summary>One pass and two (close-up round the person), each coarse and refined, on the same clips; SAD change against the one-pass coarse mask.</summary>
    private static string CloseUpTable(List<Row> rows)
    {
        var names = CloseUpVariants.Select(v => v.Name).ToList();
        var sb = new StringBuilder();
        if (names.Any(n => rows.All(r => r.Variant != n)))
        {
            // A tuning run of some variants only: per clip, then the means.
            foreach (var r in rows)
            {
                sb.AppendLine(Inv, $"{r.Clip} | {r.Variant} | SAD {r.Sad:0.00} | MSE {r.Mse:0.00} | IoU {r.IoU:0.000} | flicker {r.Flicker:P3}");
            }
            foreach (var g in rows.GroupBy(r => r.Variant))
            {
                sb.AppendLine(Inv, $"mean {g.Key}: SAD {g.Average(r => r.Sad):0.000} MSE {g.Average(r => r.Mse):0.00} IoU {g.Where(r => r.IoU is not null).Select(r => r.IoU!.Value).DefaultIfEmpty().Average():0.000}");
            }
            return sb.ToString();
        }
        sb.AppendLine("| clip (1280×720) | " + string.Join(" | ", names.Select(n => $"band SAD, {n}"))
            + " | SAD vs coarse, refined + close-up | " + string.Join(" | ", names.Select(n => $"band MSE ×10³, {n}"))
            + " | IoU refined | IoU refined + close-up | flicker (still) refined | flicker (still) refined + close-up |");
        sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", (2 * names.Count) + 5)));
        string Line(string label, Func<string, Func<Row, double?>, double?> value)
        {
            var cells = names.Select(n => value(n, r => r.Sad)).Select(v => $"{v:0.00}").ToList();
            var change = value(names[^1], r => r.Sad) / value(names[0], r => r.Sad) - 1;
            cells.Add(change is { } c ? c.ToString("+0%;−0%", Inv) : "—");
            cells.AddRange(names.Select(n => value(n, r => r.Mse)).Select(v => $"{v:0.00}"));
            cells.Add($"{value("refined", r => r.IoU):0.000}");
            cells.Add($"{value("refined + close-up", r => r.IoU):0.000}");
            foreach (var n in new[] { "refined", "refined + close-up" })
            {
                cells.Add(value(n, r => r.Flicker) is { } f ? f.ToString("P3", Inv) : "—");
            }
            return $"| {label} | " + string.Join(" | ", cells) + " |";
        }
        foreach (var group in rows.GroupBy(r => r.Clip))
        {
            sb.AppendLine(Line(group.Key, (n, pick) => pick(group.Single(r => r.Variant == n))));
        }
        sb.AppendLine(Line("**mean**", (n, pick) =>
        {
            var values = rows.Where(r => r.Variant == n).Select(pick).Where(v => v is not null).Select(v => v!.Value).ToList();
            return values.Count == 0 ? null : values.Average();
        }));
        sb.AppendLine(Inv, $"worst still-clip flicker: refined {rows.Where(r => r.Variant == "refined" && r.Flicker is not null).Select(r => r.Flicker!.Value).DefaultIfEmpty().Max():P3}, "
            + $"refined + close-up {rows.Where(r => r.Variant == "refined + close-up" && r.Flicker is not null).Select(r => r.Flicker!.Value).DefaultIfEmpty().Max():P3}");
        return sb.ToString();
    }

    /// <summary>Coarse, guided filter alone, and guided filter plus colour line, on the same clips.</summary>
    private static string ColourLineTable(List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| clip (1280×720) | band SAD, coarse | guided | guided + colour line | band MSE ×10³, coarse | guided | guided + colour line | IoU guided | IoU + colour line | flicker (still), + colour line |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => r.Clip))
        {
            var off = group.Single(r => !r.Refined);
            var guided = group.Single(r => r.GuidedOnly);
            var line = group.Single(r => r.Refined && !r.GuidedOnly);
            var flicker = line.Flicker is { } f ? f.ToString("P3", Inv) : "—";
            sb.AppendLine(Inv, $"| {group.Key} | {off.Sad:0.00} | {guided.Sad:0.00} | {line.Sad:0.00} | {off.Mse:0.00} | {guided.Mse:0.00} | {line.Mse:0.00} | {guided.IoU:0.000} | {line.IoU:0.000} | {flicker} |");
        }
        var offs = rows.Where(r => !r.Refined).ToList();
        var guideds = rows.Where(r => r.GuidedOnly).ToList();
        var lines = rows.Where(r => r.Refined && !r.GuidedOnly).ToList();
        sb.AppendLine(Inv, $"| **mean** | {offs.Average(r => r.Sad):0.00} | {guideds.Average(r => r.Sad):0.00} | {lines.Average(r => r.Sad):0.00} | {offs.Average(r => r.Mse):0.00} | {guideds.Average(r => r.Mse):0.00} | {lines.Average(r => r.Mse):0.00} | {guideds.Average(r => r.IoU!.Value):0.000} | {lines.Average(r => r.IoU!.Value):0.000} | {lines.Where(r => r.Flicker is not null).Select(r => r.Flicker!.Value).DefaultIfEmpty().Max():P3} (worst) |");
        return sb.ToString();
    }

    private static string Table(List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| clip (1280×720) | band SAD, coarse | band SAD, refined | band MSE ×10³, coarse | band MSE ×10³, refined | refined IoU | refined flicker (still) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        if (rows.All(r => r.Refined))
        {
            return string.Join("\n", rows.Select(r => r.ToString()));
        }
        if (rows.Any(r => r.GuidedOnly))
        {
            return ColourLineTable(rows);
        }
        if (rows.Any(r => r.Variant is not null))
        {
            return CloseUpTable(rows);
        }
        foreach (var pair in rows.GroupBy(r => r.Clip))
        {
            var off = pair.Single(r => !r.Refined);
            var on = pair.Single(r => r.Refined);
            var flicker = on.Flicker is { } f ? f.ToString("P3", Inv) : "—";
            sb.AppendLine(Inv, $"| {pair.Key} | {off.Sad:0.00} | {on.Sad:0.00} | {off.Mse:0.00} | {on.Mse:0.00} | {on.IoU:0.000} | {flicker} |");
        }
        var offs = rows.Where(r => !r.Refined).ToList();
        var ons = rows.Where(r => r.Refined).ToList();
        sb.AppendLine(Inv, $"| **mean** | {offs.Average(r => r.Sad):0.00} | {ons.Average(r => r.Sad):0.00} | {offs.Average(r => r.Mse):0.00} | {ons.Average(r => r.Mse):0.00} | {ons.Average(r => r.IoU!.Value):0.000} | {ons.Where(r => r.Flicker is not null).Select(r => r.Flicker!.Value).DefaultIfEmpty().Max():P3} (worst) |");
        return sb.ToString();
    }
}
