using System.Text.RegularExpressions;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// "Increase saturation and contrast" / "提高饱和度和对比度": a clause that is only a bare dimension continues the
/// direction of the adjustment just before it. A bare dimension with nothing to continue is a demand the planner
/// cannot read, never silently dropped.
/// </summary>
internal static class Ellipsis
{
    private static readonly Regex Bare = RegexText.Words(
        @"^\s*(?:the\s+)?(?<d>contrast|saturation|brightness|exposure|warmth|对比度?|饱和度?|亮度|色温)\s*$");

    private static readonly Regex Mentioned = RegexText.Words(@"\b(?:contrast|saturation|brightness|exposure|warmth)\b|对比度|饱和度|亮度|色温");

    public static bool NamesADimension(string clause) => Mentioned.IsMatch(clause);

    public static Intent? Continue(string clause, int clauseStart, IReadOnlyList<Intent> previous)
    {
        var m = Bare.Match(clause);
        if (!m.Success || previous.Count == 0
            || previous[^1].Build?.Invoke(0) is not GlobalLookOp { Look: GlobalLook.Brightness or GlobalLook.Contrast or GlobalLook.Saturation or GlobalLook.Warmth } before)
        {
            return null;
        }
        var look = m.Groups["d"].Value.ToLowerInvariant() switch
        {
            "contrast" or "对比" or "对比度" => GlobalLook.Contrast,
            "saturation" or "饱和" or "饱和度" => GlobalLook.Saturation,
            "warmth" or "色温" => GlobalLook.Warmth,
            _ => GlobalLook.Brightness,
        };
        var amount = before.Amount;
        return new Intent(IntentFamily.Global, false, null, _ => new GlobalLookOp(look, amount))
        {
            Start = clauseStart + m.Groups["d"].Index,
            End = clauseStart + m.Groups["d"].Index + m.Groups["d"].Length,
            Fragment = m.Groups["d"].Value,
        };
    }
}
