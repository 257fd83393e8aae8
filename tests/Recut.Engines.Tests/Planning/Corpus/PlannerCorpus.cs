using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning;
using Recut.Protocol.Errors;

namespace Recut.Engines.Tests.Planning.Corpus;

/// <summary>One labelled instruction of instructions.tsv; <see cref="Held"/> rows are never tuned on.</summary>
public sealed record CorpusRow(int Row, string Category, int References, string Instruction, string Expected, bool Held)
{
    public bool ExpectsRefusal => Expected == "refuse";
}

public enum Verdict { Right, WrongEdit, WronglyRefused }

/// <summary>A row's outcome; <paramref name="Message"/> is the refusal the planner gave, if any.</summary>
public sealed record CorpusResult(CorpusRow Row, string Actual, Verdict Verdict, string? Message = null);

/// <summary>
/// Loads the corpus and scores the planner against it. Shared by the tests and the bench (linked there), so both
/// count the same way: a plan must equal its label as a set of operations; a refusal must be labelled "refuse".
/// </summary>
public static class PlannerCorpus
{
    public static IReadOnlyList<CorpusRow> Load(string path)
    {
        var rows = new List<CorpusRow>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var cols = line.Split('\t');
            if (cols.Length != 4)
            {
                throw new FormatException($"corpus row {rows.Count + 1} has {cols.Length} columns: {line}");
            }
            // Alternate data rows, fixed before any tuning: odd rows (1st, 3rd …) tune, even rows are held back.
            var n = rows.Count + 1;
            rows.Add(new CorpusRow(n, cols[0], int.Parse(cols[1], System.Globalization.CultureInfo.InvariantCulture), cols[2], Canonical(cols[3]), n % 2 == 0));
        }
        return rows;
    }

    /// <summary>The corpus file beside the test assembly (copied there by the test project).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Planning", "Corpus", "instructions.tsv");

    public static CorpusResult Score(InstructionPlanner planner, CorpusRow row)
    {
        string actual;
        string? message = null;
        try
        {
            actual = Describe(planner.PlanOperations(row.Instruction, row.References));
        }
        catch (ApiErrorException e) when (e.Error.Code == ErrorCodes.UnsupportedEdit)
        {
            actual = "refuse";
            message = e.Error.Message;
        }
        var verdict = actual == row.Expected ? Verdict.Right : actual == "refuse" ? Verdict.WronglyRefused : Verdict.WrongEdit;
        return new CorpusResult(row, actual, verdict, message);
    }

    public static string Describe(IEnumerable<EditOperation> operations) =>
        string.Join(" + ", operations.Select(Short).Order(StringComparer.Ordinal));

    private static string Canonical(string label) =>
        label.Trim() == "refuse" ? "refuse" : string.Join(" + ", label.Split(" + ").Select(s => s.Trim()).Order(StringComparer.Ordinal));

    private static string Short(EditOperation op) => op switch
    {
        GlobalLookOp { Look: GlobalLook.Grayscale } => "bw",
        GlobalLookOp { Look: GlobalLook.Sepia } => "sepia",
        GlobalLookOp g => $"{Dimension(g.Look)}{(g.Amount > 0 ? "+" : "-")}",
        BlurOp => "blur",
        MirrorOp => "mirror",
        ColourLookOp c => $"look({c.ReferenceIndex + 1})",
        OverlayOp o => $"overlay({o.ReferenceIndex + 1},{AnchorCode(o.Anchor)})",
        BackgroundReplaceOp b => $"bgreplace({b.ReferenceIndex + 1})",
        BackgroundBlurOp => "bgblur",
        BackgroundSolidOp s => $"bgsolid({s.ColourName.Split(' ')[0]})",
        BackgroundGrayscaleOp => "bggrey",
        OutfitRecolourOp o => $"outfit({o.ReferenceIndex + 1})",
        OutfitColourOp o => $"outfitcolour({o.ColourName})",
        VignetteOp => "vignette",
        FilmGrainOp => "grain",
        FadeOp f => $"fade({(f.In ? "in" : "")}{(f.Out ? "out" : "")})",
        DayForNightOp => "night",
        CartoonOp => "cartoon",
        StabiliseOp => "stabilise",
        DenoiseOp => "denoise",
        SharpenOp => "sharpen",
        ReverseOp => "reverse",
        FaceAnonymiseOp f => $"faces({(f.Style == FaceAnonymiseStyle.Pixelate ? "pixelate" : "blur")})",
        SpeedOp s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"speed({s.Factor:0.##})"),
        TrimOp t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"trim({t.Part.ToString().ToLowerInvariant()},{t.Seconds:0.##})"),
        TitleOp t => $"title({AnchorCode(t.Anchor)})",
        ReframeOp r => $"reframe({r.Ratio?.Replace(':', 'x') ?? "ratio"})",
        _ => op.GetType().Name,
    };

    private static string Dimension(GlobalLook look) => look switch
    {
        GlobalLook.Brightness => "bright",
        GlobalLook.Contrast => "contrast",
        GlobalLook.Saturation => "sat",
        _ => "warm",
    };

    private static string AnchorCode(Anchor a) => a switch
    {
        Anchor.TopLeft => "TL",
        Anchor.TopCenter => "TC",
        Anchor.TopRight => "TR",
        Anchor.MiddleLeft => "ML",
        Anchor.Center => "C",
        Anchor.MiddleRight => "MR",
        Anchor.BottomLeft => "BL",
        Anchor.BottomCenter => "BC",
        _ => "BR",
    };
}
