using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Cuts the items into clauses at clause marks and conjunctions. Conjunctions are tokens, so 和 inside 饱和度 or 柔和
/// never cuts; 和/跟 that compares ("和参考图一样") is read as a comparison, not as "and".
/// </summary>
internal static class ClauseSplitter
{
    private static readonly HashSet<string> Likeness = ["一样", "相同", "一致", "同样", "类似", "相似", "接近", "保持一致", "统一", "一样的"];

    public static List<Clause> Split(List<Item> items, string text)
    {
        MarkComparisons(items);
        var clauses = new List<Clause>();
        var current = new List<Item>();
        var join = Join.Start;
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            if (item.Cat == Cat.And && k > 0 && item.Text is "再" or "还" or "也"
                && items[k - 1].Cat is Cat.Dimension or Cat.Colours or Cat.Look or Cat.Background or Cat.Frame or Cat.Person or Cat.Logo)
            {
                item.Sense = new Sense(Cat.Filler); // "饱和度再高一点": "more", after the thing it modifies, not "then"
            }
            if (item.Cat is Cat.Punctuation or Cat.And)
            {
                Flush();
                // "so"/"所以" introduce what follows from a complaint ("too bright so darken it"), not more of it.
                join = item.Cat == Cat.And && item.Text.ToLowerInvariant() is not ("so" or "所以" or "因此") ? Join.Conjunction : Join.Mark;
                continue;
            }
            current.Add(item);
        }
        Flush();
        return clauses;

        void Flush()
        {
            if (current.Count > 0)
            {
                clauses.Add(new Clause(current, join, text[current[0].Start..current[^1].End]));
                current = [];
            }
        }
    }

    /// <summary>和 followed, before the next clause mark, by 一样/相同/一致… compares; it is not a conjunction.</summary>
    private static void MarkComparisons(List<Item> items)
    {
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k] is not { Cat: Cat.And, Text: "和" or "与" or "跟" or "同" })
            {
                continue;
            }
            for (var j = k + 1; j < items.Count && items[j].Cat != Cat.Punctuation; j++)
            {
                if (Likeness.Contains(items[j].Text))
                {
                    items[k].Sense = new Sense(Cat.Match);
                    break;
                }
            }
        }
    }
}
