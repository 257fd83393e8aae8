using System.Globalization;

namespace Recut.Engines.Local.Plan;

/// <summary>
/// Playback <paramref name="Factor"/> × as fast (0.25–4): 2 halves the length, 0.5 doubles it. The sound keeps its
/// pitch (atempo); a slowed picture is made by blending neighbouring frames rather than repeating them.
/// </summary>
public sealed record SpeedOp(double Factor) : FilterOperation
{
    public const double Min = 0.25;
    public const double Max = 4;

    public override string Describe() => Factor > 1
        ? string.Create(CultureInfo.InvariantCulture, $"speed the video up {Factor:0.##}× (sound sped up with its pitch kept)")
        : string.Create(CultureInfo.InvariantCulture,
            $"slow the video down to {Factor:0.##}× (slow motion: in-between frames blended from their neighbours; sound slowed with its pitch kept)");
}

/// <summary>The clip played backwards, picture and sound.</summary>
public sealed record ReverseOp : FilterOperation
{
    public override string Describe() => "play the video backwards (picture and sound reversed)";
}

public enum TrimPart
{
    /// <summary>Keep the first N seconds.</summary>
    KeepFirst,
    /// <summary>Keep the last N seconds.</summary>
    KeepLast,
    /// <summary>Drop the first N seconds.</summary>
    DropFirst,
    /// <summary>Drop the last N seconds.</summary>
    DropLast,
}

/// <summary>Part of the source kept: <paramref name="Part"/> with <paramref name="Seconds"/>. Resolved against the clip's length when planned.</summary>
public sealed record TrimOp(TrimPart Part, double Seconds) : FilterOperation
{
    /// <summary>The source span kept, in seconds; null until the clip's length is known (a preview).</summary>
    public (double Start, double End)? Window { get; init; }

    public override string Describe()
    {
        var words = Part switch
        {
            TrimPart.KeepFirst => $"keep only the first {S(Seconds)} of the source",
            TrimPart.KeepLast => $"keep only the last {S(Seconds)} of the source",
            TrimPart.DropFirst => $"cut the first {S(Seconds)} of the source",
            _ => $"cut the last {S(Seconds)} of the source",
        };
        return Window is { } w ? string.Create(CultureInfo.InvariantCulture, $"{words} (source {w.Start:0.00}–{w.End:0.00} s)") : words;
    }

    private static string S(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} second{(seconds == 1 ? "" : "s")}");
}
