using System.Text.RegularExpressions;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// Builds the planner's regular expressions from readable templates: «NAME» tokens are replaced by fragments, so
/// patterns read like the phrases they recognise instead of a wall of escapes.
/// </summary>
internal static class RegexText
{
    /// <summary>
    /// Marks text already claimed by a recognised intent. Gaps never cross it, nor a sentence or clause mark, so one
    /// pattern cannot swallow a neighbouring request.
    /// </summary>
    public const char Claimed = '\u0001';

    /// <summary>
    /// One character of a gap between the words of a phrase. It never starts a conjunction either, so
    /// "blur the background and make it black and white" cannot read as "background … black and white".
    /// </summary>
    public const string Gap = @"(?:(?!\b(?:and|then|but|also|plus|while)\b|然后|并且|同时|还要|以及|而且|但是|并|再|和|但)[^\u0001.,;:!?\n，。；：！？、])";

    // Patterns only use bounded gaps, so matching is linear in practice; the timeout is a guard, not a budget.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static Regex Compile(string template, IReadOnlyDictionary<string, string> fragments)
    {
        var text = Expand(template, fragments);
        return new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
    }

    public static string Expand(string template, IReadOnlyDictionary<string, string> fragments)
    {
        var text = template.Replace("«G»", Gap, StringComparison.Ordinal);
        foreach (var (name, fragment) in fragments)
        {
            text = text.Replace($"«{name}»", fragment, StringComparison.Ordinal);
        }
        if (text.Contains('«', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unknown fragment in pattern: {template}");
        }
        return text;
    }

    public static Regex Words(string alternatives) =>
        new(alternatives, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
}
