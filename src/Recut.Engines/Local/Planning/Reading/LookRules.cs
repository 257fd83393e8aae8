using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Whole-frame looks, blur and mirror. A described problem asks for its cure: "too bright", "太暗了", "it came out
/// kind of dark", "对比度太高" flip the direction of the look they name; "overexposed" is always a cure.
/// </summary>
internal static class LookRules
{
    public static void Read(Clause c, ClauseContext context, ClauseOutcome outcome, double intensity)
    {
        var complaint = IsComplaint(c, context);
        outcome.Complaint = complaint;
        var found = new List<Request>();
        var fragment = EditRules.Fragment(c);
        var start = EditRules.Start(c);

        if (c.Has(Cat.Grey) || (c.Has(Cat.Colours) && (c.Has(Cat.Off) || c.Has(Cat.Remove))))
        {
            found.Add(Look(fragment, start, GlobalLook.Grayscale, 1, intensity, false));
            c.Use(Cat.Grey, Cat.Colours, Cat.Off, Cat.Remove);
        }
        if (c.Has(Cat.Sepia))
        {
            found.Add(Look(fragment, start, GlobalLook.Sepia, 1, intensity, false));
            c.Use(Cat.Sepia);
        }
        if (c.Has(Cat.Blur) && !complaint)
        {
            found.Add(new Request(RequestKind.Blur, fragment, start) { Intensity = intensity });
            c.Use(Cat.Blur, Cat.Increase);
        }
        if ((c.Has(Cat.Mirror) || c.Has(Cat.Flip)) && !c.Has(Cat.Vertical))
        {
            found.Add(new Request(RequestKind.Mirror, fragment, start));
            c.Use(Cat.Mirror, Cat.Flip, Cat.Horizontal, Cat.Match);
        }
        foreach (var item in c.Live(Cat.Complaint))
        {
            found.Add(Look(item.Text, item.Start, item.Sense.Look!.Value, item.Sense.Sign, intensity, true));
            item.Used = true;
        }
        Directionals(c, complaint, intensity, found);
        Dimensions(c, complaint, intensity, found, outcome);
        ColourWords(c, complaint, intensity, found);

        if (found.Count > 0 && EditRules.PersonIsTheObject(c))
        {
            outcome.Refusal = "a look applied to the person alone";
            return;
        }
        if (found.Count > 0)
        {
            c.Use(Cat.Increase, Cat.Decrease, Cat.Too, Cat.Be, Cat.Fix, Cat.Horizontal);
        }
        outcome.Requests.AddRange(found);
    }

    /// <summary>
    /// "too …", a continuation of a complaint, or a description ("it is / looks / came out …", "有点暗") that asks for
    /// nothing itself.
    /// </summary>
    private static bool IsComplaint(Clause c, ClauseContext context) =>
        c.Has(Cat.Too) || context.InheritComplaint
        || (c.Has(Cat.Be) && !c.Has(Cat.Want) && !c.Has(Cat.Generic) && !c.Has(Cat.Place) && !c.Has(Cat.Use) && !c.Has(Cat.Replace));

    private static void Directionals(Clause c, bool complaint, double intensity, List<Request> found)
    {
        var items = c.Items;
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            if (item.Cat != Cat.Directional || item.Negated || item.Used)
            {
                continue;
            }
            var sign = item.Sense.Sign;
            // "less bright", "less saturated", "降低…鲜艳": a decrease before the adjective reverses it.
            if (Before(items, k, 2).Any(i => i.Cat == Cat.Decrease))
            {
                sign = -sign;
            }
            if (complaint)
            {
                sign = -sign;
            }
            found.Add(Look(item.Text, item.Start, item.Sense.Look!.Value, sign, intensity, complaint));
            item.Used = true;
            foreach (var dim in c.Live(Cat.Dimension).Where(d => d.Sense.Look == item.Sense.Look))
            {
                dim.Used = true; // "brighten the brightness", "色彩浓一点"
            }
        }
    }

    private static void Dimensions(Clause c, bool complaint, double intensity, List<Request> found, ClauseOutcome outcome)
    {
        var items = c.Items;
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            if (item.Cat != Cat.Dimension || item.Negated || item.Used)
            {
                continue;
            }
            var direction = Direction(items, k);
            if (direction == 0 && complaint && c.Live(Cat.Too).Any(t => t.Text.Contains("much", StringComparison.OrdinalIgnoreCase) || t.Text.Contains('多')))
            {
                direction = 1; // "too much contrast": an excess, cured by less
            }
            if (direction == 0)
            {
                outcome.BareDimensions.Add((item.Sense.Look!.Value, item));
                continue;
            }
            var sign = complaint ? -direction : direction;
            found.Add(Look(item.Text, item.Start, item.Sense.Look!.Value, sign, intensity, complaint));
            item.Used = true;
        }
    }

    /// <summary>The nearest increase/decrease word to a dimension in its clause: "raise the contrast", "饱和度调低".</summary>
    private static int Direction(List<Item> items, int k)
    {
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var j = 0; j < items.Count; j++)
        {
            var item = items[j];
            if (item.Negated || j == k)
            {
                continue;
            }
            var sign = item.Cat switch
            {
                Cat.Increase => 1,
                Cat.Place when item.Text.ToLowerInvariant() is "add" or "加" or "加点" or "添加" or "加上" or "加个" => 1, // "add contrast", "加点对比度"
                Cat.Decrease or Cat.Soft => -1,
                _ => 0,
            };
            if (sign != 0 && Math.Abs(j - k) < bestDistance)
            {
                (best, bestDistance) = (sign, Math.Abs(j - k));
            }
        }
        return best;
    }

    /// <summary>
    /// Colour words used as looks: "more colour"/"enhance the colours" (+saturation), "tone down the colours",
    /// "blue tones" (cooler), "too yellow" (cooler), "太灰了" (more saturated).
    /// </summary>
    private static void ColourWords(Clause c, bool complaint, double intensity, List<Request> found)
    {
        var colours = c.First(Cat.Colours);
        if (colours is not null && !colours.Used && found.Count == 0)
        {
            var direction = Direction(c.Items, c.Items.IndexOf(colours));
            if (direction != 0)
            {
                found.Add(Look(colours.Text, colours.Start, GlobalLook.Saturation, complaint ? -direction : direction, intensity, complaint));
                colours.Used = true;
            }
        }
        if (!complaint && !c.Has(Cat.Look))
        {
            return;
        }
        foreach (var item in c.Live(Cat.ColourName).Where(i => !i.Used))
        {
            (GlobalLook Look, int Sign)? tint = item.Sense.Colour switch
            {
                var x when x == NamedColour.Blue => (GlobalLook.Warmth, -1),
                var x when x == NamedColour.Yellow || x == NamedColour.Orange => (GlobalLook.Warmth, 1),
                var x when x == NamedColour.Grey => (GlobalLook.Saturation, -1),
                _ => null,
            };
            if (tint is { } t)
            {
                found.Add(Look(item.Text, item.Start, t.Look, complaint ? -t.Sign : t.Sign, intensity, complaint));
                item.Used = true;
                c.Use(Cat.Look);
            }
        }
    }

    private static IEnumerable<Item> Before(List<Item> items, int k, int span) =>
        items.Skip(Math.Max(0, k - span)).Take(Math.Min(span, k)).Where(i => !i.Negated);

    private static Request Look(string fragment, int start, GlobalLook look, int sign, double intensity, bool cure) =>
        new(RequestKind.GlobalLook, fragment, start) { Look = look, Sign = sign, Intensity = intensity, Cure = cure };
}
