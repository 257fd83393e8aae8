using System.Globalization;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// The picture and sound of a <see cref="Timing"/>: the source span cut out, its timestamps divided by the speed, and
/// reversed. A slowed picture is made at 30 fps by <c>framerate</c>, which blends each new frame from its two
/// neighbours (minterpolate's motion search measured ~38× a transcode; see docs/DECISIONS.md). The sound keeps its pitch:
/// <c>atempo</c> stages of at most 2× (or at least 0.5×) each, the range in which it sounds cleanest.
/// </summary>
public static class TimeFilters
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Before scaling: the span and the new timestamps.</summary>
    public static IEnumerable<string> Picture(Timing t)
    {
        ArgumentNullException.ThrowIfNull(t);
        yield return string.Create(Inv, $"trim=start={t.Start:0.######}:duration={t.Seconds:0.######}");
        yield return string.Create(Inv, $"setpts=(PTS-STARTPTS)/{t.Speed:0.######}");
    }

    /// <summary>Whether the 30 fps output is blended from fewer source frames (a slow-down) rather than picked.</summary>
    public static bool Blends(Timing? t) => t is { Speed: < 1 };

    public static IEnumerable<string> Sound(Timing t)
    {
        ArgumentNullException.ThrowIfNull(t);
        yield return string.Create(Inv, $"atrim=start={t.Start:0.######}:duration={t.Seconds:0.######}");
        yield return "asetpts=PTS-STARTPTS";
        if (t.Reverse)
        {
            yield return "areverse";
        }
        foreach (var stage in TempoStages(t.Speed))
        {
            yield return string.Create(Inv, $"atempo={stage:0.######}");
        }
    }

    /// <summary>4 → 2, 2; 0.25 → 0.5, 0.5; 3 → 2, 1.5; 1 → none.</summary>
    public static IReadOnlyList<double> TempoStages(double speed)
    {
        var stages = new List<double>();
        var left = speed;
        while (left > 2 + 1e-9)
        {
            stages.Add(2);
            left /= 2;
        }
        while (left < 0.5 - 1e-9)
        {
            stages.Add(0.5);
            left /= 0.5;
        }
        if (Math.Abs(left - 1) > 1e-9)
        {
            stages.Add(left);
        }
        return stages;
    }
}
