using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Reads one clause: negation scope first ("no sepia" drops sepia; the scope ends at "just/only/只"), then a
/// constraint part ("keep the colours unchanged", "人物不要动", "the contrast is fine") that protects what it names,
/// then the edits the rest asks for.
/// </summary>
internal static class ClauseReader
{
    private static readonly HashSet<Cat> Quiet = [Cat.Polite, Cat.Filler, Cat.Subject, Cat.Be, Cat.Want, Cat.Punctuation];

    public static ClauseOutcome Read(Clause clause, ClauseContext context)
    {
        ApplyNegation(clause.Items);
        var outcome = new ClauseOutcome();
        var start = ProtectionStart(clause.Items);
        if (start >= 0)
        {
            ReadProtection(clause.Items.Skip(start).ToList(), outcome);
            EditRules.Read(new Clause(clause.Items.Take(start).ToList(), clause.Join, clause.Text), context, outcome);
        }
        else
        {
            EditRules.Read(clause, context, outcome);
        }
        return outcome;
    }

    /// <summary>Everything after a negation, up to "just"/"only"/"只", is negated.</summary>
    private static void ApplyNegation(List<Item> items)
    {
        var negating = false;
        foreach (var item in items)
        {
            if (item.Cat == Cat.Negation)
            {
                negating = true;
                item.Used = true;
            }
            else if (item.Cat == Cat.Only)
            {
                negating = false;
            }
            else if (negating && !Quiet.Contains(item.Cat))
            {
                item.Negated = true;
            }
        }
    }

    /// <summary>
    /// Where a constraint starts: "keep/leave/保持", "unchanged/不变/不动", "is fine", or a negated change verb
    /// ("don't touch", "不要改"). The objects just before it belong to it (Chinese puts them first: 人物不要动).
    /// </summary>
    private static int ProtectionStart(List<Item> items)
    {
        if (items.Any(i => i.Cat == Cat.Seconds))
        {
            return -1; // "keep the first 3 seconds", "保留前三秒": a trim, not a constraint
        }
        if (ReframeRules.KeepsPersonCentred(items))
        {
            return -1; // "keep the person centred", "保持人物居中": a reframe, not a constraint
        }
        var start = -1;
        for (var k = 0; k < items.Count && start < 0; k++)
        {
            var item = items[k];
            if (!item.Negated && item.Cat is Cat.Keep or Cat.Unchanged or Cat.Fine)
            {
                start = k;
            }
            else if (item.Cat == Cat.Negation && NegatesAChange(items.Skip(k + 1).TakeWhile(i => i.Cat != Cat.Only).ToList()))
            {
                start = k;
            }
        }
        if (start < 0)
        {
            return -1;
        }
        while (start > 0 && items[start - 1].Cat is Cat.Person or Cat.Background or Cat.Colours or Cat.Look or Cat.Dimension or Cat.Frame
                   or Cat.Everything or Cat.Garment or Cat.Filler or Cat.Subject or Cat.Be or Cat.Polite or Cat.ObjectMarker or Cat.Reference)
        {
            start--;
        }
        return start;
    }

    /// <summary>
    /// "don't change the colours" / "不要动" protect; "don't make it black and white" only drops the negated edit.
    /// </summary>
    private static bool NegatesAChange(List<Item> span) =>
        span.Any(i => i.Negated && i.Cat is Cat.Touch or Cat.Generic or Cat.Replace or Cat.Remove)
        && !span.Any(i => i.Negated && i.Cat is Cat.Directional or Cat.Grey or Cat.Sepia or Cat.Blur or Cat.Bokeh or Cat.Soft or Cat.Mirror
            or Cat.Flip or Cat.ColourName or Cat.ChromaKey or Cat.ColourPop or Cat.Cutout or Cat.Complaint or Cat.Logo or Cat.Increase
            or Cat.Decrease or Cat.Hard);

    private static void ReadProtection(List<Item> part, ClauseOutcome outcome)
    {
        var inColour = part.Any(i => i.Cat == Cat.InColour);
        var named = false;
        foreach (var item in part)
        {
            Protected? p = item.Cat switch
            {
                Cat.Person => Protected.Person,
                Cat.Background => Protected.Background,
                Cat.Colours or Cat.Look => Protected.Colours,
                Cat.Garment => Protected.Garment,
                Cat.Frame or Cat.Everything => Protected.Everything,
                Cat.Dimension => item.Sense.Look switch
                {
                    Plan.GlobalLook.Brightness => Protected.Brightness,
                    Plan.GlobalLook.Contrast => Protected.Contrast,
                    Plan.GlobalLook.Saturation => Protected.Saturation,
                    _ => Protected.Warmth,
                },
                _ => null,
            };
            if (p is { } kept)
            {
                outcome.Protections.Add(kept);
                named = true;
            }
            if (item.Cat is Cat.Keep or Cat.Unchanged or Cat.Fine or Cat.Touch or Cat.Generic or Cat.Replace or Cat.Remove or Cat.Person
                or Cat.Background or Cat.Colours or Cat.Look or Cat.Dimension or Cat.Frame or Cat.Everything or Cat.Garment or Cat.InColour
                or Cat.Sharp or Cat.Hard or Cat.Unknown or Cat.Reference or Cat.Scene or Cat.Use)
            {
                item.Used = true;
            }
        }
        if (inColour && part.Any(i => i.Cat == Cat.Person))
        {
            outcome.PersonInColour = true;
        }
        if (!named && part.Any(i => i.Negated && i.Cat is Cat.Touch or Cat.Generic or Cat.Replace))
        {
            outcome.Protections.Add(Protected.Everything); // "don't change anything", "不要动"
        }
    }
}
