using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>The corners and edges darkened toward black (a lens vignette). Strength 0.5 "a bit", 1, 1.6 "strong".</summary>
public sealed record VignetteOp(double Strength) : FilterOperation
{
    /// <summary>ffmpeg's vignette angle: wider means darker edges; π/5 is ffmpeg's own default, a mild look.</summary>
    public double Angle => Math.Clamp(Math.PI / 5 * (0.75 + (Strength * 0.35)), 0.3, 1.2);

    public override string Describe() => "darken the corners and edges of the frame (a vignette)";
}

/// <summary>Film grain: fresh luma noise on every frame, reproducible from the seed. Strength as for <see cref="VignetteOp"/>.</summary>
public sealed record FilmGrainOp(double Strength) : FilterOperation
{
    /// <summary>The noise filter's amplitude on the luma plane (0..100); 18 survives the encoder (CRF 20 smooths much of it) as visible grain.</summary>
    public int Amplitude => (int)Math.Round(Math.Clamp(18 * Strength, 8, 30));

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"add film grain (luma noise that changes every frame, strength {Amplitude})");
}

/// <summary>The picture (and the sound with it) faded in from black at the start and/or out to black at the end.</summary>
public sealed record FadeOp(bool In, bool Out) : FilterOperation
{
    /// <summary>One second each way, shortened on a short output so the two fades never overlap.</summary>
    public const double Seconds = 1.0;

    public static double LengthFor(double outputSeconds) => Math.Min(Seconds, outputSeconds / 3);

    public override string Describe() => (In, Out) switch
    {
        (true, true) => "fade in from black at the start and out to black at the end (1 s each, sound faded with it)",
        (true, false) => "fade in from black at the start (1 s, sound faded in with it)",
        _ => "fade out to black at the end (1 s, sound faded out with it)",
    };
}

/// <summary>"Day for night": darker, bluer, less saturated, shadows crushed — a graded look, not a relit scene.</summary>
public sealed record DayForNightOp : FilterOperation
{
    public override string Describe() => "grade the picture day-for-night (darker, bluer and less saturated, like moonlight)";
}

/// <summary>A cartoon-style filter: smoothed surfaces, dark outlines from the edges, fewer brightness levels.</summary>
public sealed record CartoonOp : FilterOperation
{
    public override string Describe() => "apply a cartoon-style filter (smoothed surfaces, dark outlines, posterised brightness levels)";
}
