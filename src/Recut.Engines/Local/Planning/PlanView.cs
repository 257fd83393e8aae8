using Recut.Engines.Local.Plan;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Planning;

/// <summary>One operation of a plan as data: its kind, its parameters (only those it has) and its plain words.</summary>
public sealed record PlanStepView(string Op, string Description)
{
    public int? ReferenceImage { get; init; }
    public string? Anchor { get; init; }
    public double? Scale { get; init; }
    public string? Look { get; init; }
    public double? Amount { get; init; }
    public double? Strength { get; init; }
    public string? Colour { get; init; }

    /// <summary>
    /// For an outfit from a reference, once the reference was looked at: "colour" or "pattern"; for the face edit
    /// (<c>face_anonymise</c>): "blur" or "pixelate".
    /// </summary>
    public string? Mode { get; init; }

    /// <summary>A speed step's playback multiple (2 = twice as fast, 0.5 = half speed).</summary>
    public double? Factor { get; init; }

    /// <summary>A trim's part ("keep_first", "keep_last", "drop_first", "drop_last") and its seconds.</summary>
    public string? Part { get; init; }
    public double? Seconds { get; init; }

    /// <summary>A trim's kept source span, once the clip's length is known.</summary>
    public double? SourceStart { get; init; }
    public double? SourceEnd { get; init; }

    /// <summary>A fade's ends: "in", "out" or "in_out".</summary>
    public string? Fade { get; init; }

    /// <summary>A title's words, exactly as quoted.</summary>
    public string? Text { get; init; }

    /// <summary>A reframe's output shape ("9:16"; null: the ratio parameter's) and, once the source is known, the way the window moves.</summary>
    public string? Ratio { get; init; }
    public string? Axis { get; init; }

    /// <summary>The pattern carried over ("striped", "checked", "printed"), when <see cref="Mode"/> is "pattern".</summary>
    public string? Pattern { get; init; }
}

/// <summary>
/// The structured plan that `recut plan` prints and POST /api/v1/plans returns: the steps in run order and the
/// reading notes, or the UnsupportedEdit refusal (code and message) when the instruction cannot be done.
/// </summary>
public sealed record PlanView(bool Supported, IReadOnlyList<PlanStepView> Steps, IReadOnlyList<string> Notes)
{
    public string? Code { get; init; }
    public string? Message { get; init; }

    /// <summary>The plan in plain words (the operations part of actual_prompt).</summary>
    public string? Summary { get; init; }

    public static PlanView Of(InstructionPlanner planner, string? prompt, int referenceCount)
    {
        ArgumentNullException.ThrowIfNull(planner);
        try
        {
            var preview = planner.Preview(prompt, referenceCount);
            return new PlanView(true, preview.Operations.Select(Step).ToList(), preview.Notes)
            {
                Summary = string.Join("; ", preview.Operations.Select((o, i) => $"({i + 1}) {o.Describe()}")),
            };
        }
        catch (ApiErrorException e) when (e.Error.Code.StartsWith(ErrorCodes.UnsupportedEdit, StringComparison.Ordinal))
        {
            return new PlanView(false, [], []) { Code = e.Error.Code, Message = e.Error.Message };
        }
    }

    public static PlanStepView Step(EditOperation op) => op switch
    {
        ColourLookOp c => new("colour_look", c.Describe()) { ReferenceImage = c.ReferenceIndex + 1, Strength = c.Strength },
        OverlayOp o => new("overlay", o.Describe()) { ReferenceImage = o.ReferenceIndex + 1, Anchor = Snake(o.Anchor.ToString()), Scale = o.Scale },
        GlobalLookOp g => new("global_look", g.Describe()) { Look = Snake(g.Look.ToString()), Amount = Math.Round(g.Amount, 3) },
        BlurOp b => new("blur", b.Describe()) { Strength = b.Strength },
        MirrorOp m => new("mirror", m.Describe()),
        BackgroundReplaceOp r => new("background_replace", r.Describe()) { ReferenceImage = r.ReferenceIndex + 1 },
        BackgroundBlurOp b => new("background_blur", b.Describe()) { Strength = b.Strength },
        BackgroundSolidOp s => new("background_solid", s.Describe()) { Colour = $"#{s.R:X2}{s.G:X2}{s.B:X2}" },
        BackgroundGrayscaleOp g => new("background_grayscale", g.Describe()),
        FaceAnonymiseOp f => new("face_anonymise", f.Describe()) { Mode = f.Style == FaceAnonymiseStyle.Pixelate ? "pixelate" : "blur" },
        OutfitRecolourOp o => new("outfit_recolour", o.Describe())
        {
            ReferenceImage = o.ReferenceIndex + 1,
            Mode = o.Reading is null ? null : o.Reading.Pattern is null ? "colour" : "pattern",
            Pattern = o.Reading?.Pattern,
            Colour = o.Reading is { Pattern: null } r ? r.Hex : null,
        },
        VignetteOp v => new("vignette", v.Describe()) { Strength = v.Strength },
        FilmGrainOp g => new("film_grain", g.Describe()) { Strength = g.Strength },
        FadeOp f => new("fade", f.Describe()) { Fade = f.In && f.Out ? "in_out" : f.In ? "in" : "out" },
        DayForNightOp d => new("day_for_night", d.Describe()),
        CartoonOp c => new("cartoon_filter", c.Describe()),
        StabiliseOp s => new("stabilise", s.Describe()),
        DenoiseOp d => new("denoise", d.Describe()) { Strength = d.Strength },
        SharpenOp s => new("sharpen", s.Describe()) { Strength = s.Strength },
        SpeedOp s => new("speed", s.Describe()) { Factor = s.Factor },
        ReverseOp r => new("reverse", r.Describe()),
        TrimOp t => new("trim", t.Describe())
        {
            Part = Snake(t.Part.ToString()),
            Seconds = t.Seconds,
            SourceStart = t.Window is { } w ? Math.Round(w.Start, 3) : null,
            SourceEnd = t.Window is { } e ? Math.Round(e.End, 3) : null,
        },
        TitleOp t => new("title", t.Describe()) { Text = t.Text, Anchor = Snake(t.Anchor.ToString()) },
        ReframeOp r => new("reframe", r.Describe()) { Ratio = r.Ratio, Axis = r.Axis is { } a ? Snake(a.ToString()) : null },
        _ => new(Snake(op.GetType().Name), op.Describe()),
    };

    private static string Snake(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}

/// <summary>
/// The plan a task ran, as <c>output.plan</c> shows it beside <c>actual_prompt</c>: the same steps and notes as a
/// preview, plus the output decisions taken from the source video.
/// </summary>
public sealed record TaskPlanView(IReadOnlyList<PlanStepView> Steps, IReadOnlyList<string> Notes, PlanOutputView Output)
{
    public static TaskPlanView Of(EditPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var o = plan.Output;
        return new TaskPlanView(plan.Operations.Select(PlanView.Step).ToList(), plan.Notes,
            new PlanOutputView(o.Width, o.Height, o.Ratio, OutputPlan.FramesPerSecond, Math.Round(o.DurationSeconds, 3), o.KeepAudio, o.Watermark));
    }
}

/// <summary>The output decisions of a task's plan: frame size and ratio, rate, length, audio kept, watermark.</summary>
public sealed record PlanOutputView(int Width, int Height, string Ratio, double Fps, double DurationSeconds, bool Audio, bool Watermark);
