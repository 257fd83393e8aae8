using System.Text;
using System.Text.RegularExpressions;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// Finds the edits an instruction asks for, and the parts it cannot place. Rules claim their words family by family;
/// the text is then cut into clauses (at punctuation and "and/then/然后/并…" outside claimed words). A clause with a
/// recognised edit must not also name something the engine cannot touch; a clause without one must not demand an edit.
/// </summary>
internal static class PromptScanner
{
    private static readonly IReadOnlyList<IntentRule> Rules =
        EnglishRules.All.Concat(ChineseRules.All).OrderBy(r => r.Family).ToList();

    private static readonly Regex Punctuation = RegexText.Words(@"[.;:!?\n。；！？，,、]");

    public static ScanResult Scan(string prompt)
    {
        var text = Normalise(prompt);
        var working = text.ToCharArray();
        var matches = new List<(IntentRule Rule, Match Match)>();
        foreach (var rule in Rules)
        {
            var current = new string(working);
            foreach (Match m in rule.Pattern.Matches(current))
            {
                if (m.Length == 0)
                {
                    continue;
                }
                matches.Add((rule, m));
                Array.Fill(working, RegexText.Claimed, m.Index, m.Length);
            }
        }

        var clauses = Clauses(new string(working));
        var intents = new List<Intent>();
        var unsupported = new List<string>();
        var previous = new List<Intent>();
        for (var c = 0; c < clauses.Count; c++)
        {
            var (start, end) = clauses[c];
            var inClause = matches.Where(x => x.Match.Index >= start && x.Match.Index < end).ToList();
            var clauseText = text[start..end];
            if (inClause.Count == 0)
            {
                if (Ellipsis.Continue(clauseText, start, previous) is { } continued)
                {
                    intents.Add(continued);
                    previous = [continued];
                }
                else if (DemandsSomething(clauseText))
                {
                    unsupported.Add(clauseText.Trim());
                }
                continue;
            }

            var neighbours = new[] { c - 1, c + 1 }
                .Where(i => i >= 0 && i < clauses.Count && !matches.Any(x => x.Match.Index >= clauses[i].Start && x.Match.Index < clauses[i].End))
                .Select(i => text[clauses[i].Start..clauses[i].End])
                .ToList();
            var live = new List<Intent>();
            foreach (var (rule, m) in inClause)
            {
                // Words of the same family stay visible: "add the logo as a watermark in the bottom-left" is one overlay.
                var own = Blank(clauseText, start, inClause.Where(x => x.Match != m && x.Rule.Family != rule.Family).Select(x => x.Match));
                var relStart = m.Index - start;
                if (IsNegated(own[..relStart]))
                {
                    continue;
                }
                var hit = new RuleHit(m, own, relStart, relStart + m.Length, neighbours);
                var intent = rule.Build(hit) with { Start = m.Index, End = m.Index + m.Length, Fragment = m.Value.Trim() };
                if (intent.IsUnsupported)
                {
                    unsupported.Add(intent.Fragment);
                }
                else
                {
                    live.Add(intent);
                }
            }
            live = OnePerKind(live);
            if (live.Count == 0)
            {
                continue;
            }
            var residue = Blank(clauseText, start, inClause.Select(x => x.Match));
            var personClause = live.Any(i => i.Family == IntentFamily.Person);
            if (NamesSomethingUntouchable(residue, personClause))
            {
                unsupported.Add(clauseText.Trim());
                continue;
            }
            intents.AddRange(live);
            previous = live;
        }
        return new ScanResult(intents.OrderBy(i => i.Start).ToList(), unsupported);
    }

    /// <summary>
    /// Two phrases of one clause asking for the same kind of edit with an image ("add the logo as a small watermark")
    /// are one edit, not two images.
    /// </summary>
    private static List<Intent> OnePerKind(List<Intent> live)
    {
        var seen = new HashSet<Type>();
        return live.Where(i => !i.NeedsReference || seen.Add(i.Build!(0).GetType())).ToList();
    }

    /// <summary>Full-width ASCII to ASCII and typographic quotes to plain ones, keeping every position.</summary>
    internal static string Normalise(string prompt)
    {
        var sb = new StringBuilder(prompt.Length);
        foreach (var ch in prompt)
        {
            sb.Append(ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' or '\r' or '\t' => ' ',
                '\u2018' or '\u2019' or '\u2032' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' => '-',
                _ => ch,
            });
        }
        return sb.ToString();
    }

    private static List<(int Start, int End)> Clauses(string working)
    {
        var cuts = new List<(int Index, int Length)>();
        foreach (var r in new[] { Punctuation, EnglishVocabulary.Separators, ChineseVocabulary.Separators })
        {
            cuts.AddRange(r.Matches(working).Select(m => (m.Index, m.Length)));
        }
        var result = new List<(int, int)>();
        var position = 0;
        foreach (var (index, length) in cuts.OrderBy(x => x.Index))
        {
            if (index < position)
            {
                continue;
            }
            if (index > position)
            {
                result.Add((position, index));
            }
            position = index + length;
        }
        if (position < working.Length)
        {
            result.Add((position, working.Length));
        }
        return result;
    }

    /// <summary>The clause with the given matches replaced by spaces (positions kept).</summary>
    private static string Blank(string clause, int clauseStart, IEnumerable<Match> spans)
    {
        var chars = clause.ToCharArray();
        foreach (var m in spans)
        {
            var from = Math.Max(0, m.Index - clauseStart);
            var to = Math.Min(chars.Length, m.Index + m.Length - clauseStart);
            Array.Fill(chars, ' ', from, Math.Max(0, to - from));
        }
        return new string(chars);
    }

    private static bool IsNegated(string before) =>
        EnglishVocabulary.Negation.IsMatch(before) || ChineseVocabulary.Negation.IsMatch(before);

    private static bool DemandsSomething(string clause)
    {
        if (EnglishVocabulary.Constraint.IsMatch(clause) || ChineseVocabulary.Constraint.IsMatch(clause))
        {
            return false;
        }
        return EnglishVocabulary.EditVerbs.IsMatch(clause) || ChineseVocabulary.EditVerbs.IsMatch(clause)
            || Ellipsis.NamesADimension(clause) || NamesSomethingUntouchable(clause, personAllowed: true);
    }

    private static bool NamesSomethingUntouchable(string text, bool personAllowed) =>
        EnglishVocabulary.HardNouns.IsMatch(text) || ChineseVocabulary.HardNouns.IsMatch(text)
        || (!personAllowed && (EnglishVocabulary.PersonWords.IsMatch(text) || ChineseVocabulary.PersonWords.IsMatch(text)));
}

internal sealed record ScanResult(IReadOnlyList<Intent> Intents, IReadOnlyList<string> Unsupported);
