using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>Edits that use a reference image on the whole frame: its colour look, or the image placed as a logo.</summary>
internal static class OverlayAndLookRules
{
    private static readonly HashSet<string> MatchVerbs = ["match", "matching", "matches", "匹配", "套用", "迁移", "模仿"];

    public static bool Read(Clause c, ClauseOutcome outcome, double intensity)
    {
        if (c.Has(Cat.Logo))
        {
            return Overlay(c, outcome);
        }
        if (!c.Has(Cat.Reference))
        {
            return false;
        }
        var lookWords = c.Has(Cat.Look) || c.Has(Cat.Colours) || c.Has(Cat.Grade)
            || c.Live(Cat.Match).Any(m => MatchVerbs.Contains(m.Text.ToLowerInvariant()));
        if (lookWords)
        {
            outcome.Requests.Add(new Request(RequestKind.ColourLook, EditRules.Fragment(c), EditRules.Start(c))
            {
                Image = EditRules.ImageNamed(c),
                Intensity = intensity,
            });
            c.Use(Cat.Reference, Cat.Look, Cat.Colours, Cat.Grade, Cat.Match, Cat.Use, Cat.Generic, Cat.Place, Cat.Replace);
            return true;
        }
        if (c.Has(Cat.Place) || c.Has(Cat.Anchor) || c.Has(Cat.Corner))
        {
            return Overlay(c, outcome);
        }
        return false;
    }

    private static bool Overlay(Clause c, ClauseOutcome outcome)
    {
        if (c.Has(Cat.Remove) || c.Has(Cat.Blur) || c.Has(Cat.Replace))
        {
            return false; // "remove the watermark", "blur the logo": not an overlay, and not something this engine does
        }
        outcome.Requests.Add(new Request(RequestKind.Overlay, EditRules.Fragment(c), EditRules.Start(c))
        {
            Image = EditRules.ImageNamed(c),
            Anchor = AnchorOf(c.Items.Where(i => !i.Negated)),
            Scale = Scale(c),
        });
        c.Use(Cat.Logo, Cat.Reference, Cat.Place, Cat.Anchor, Cat.Corner, Cat.SizeSmall, Cat.SizeLarge, Cat.Percent, Cat.Generic, Cat.Use, Cat.Scene);
        return true;
    }

    /// <summary>
    /// The anchor the anchor words name, e.g. "bottom" + "left" → bottom-left, "top" → top centre, "左边" → middle
    /// left, "corner" alone → the default top-right corner. Null when none is named.
    /// </summary>
    public static Anchor? AnchorOf(IEnumerable<Item> items)
    {
        int? row = null, col = null;
        var centre = false;
        var corner = false;
        foreach (var item in items)
        {
            if (item.Cat == Cat.Anchor)
            {
                row ??= item.Sense.Row != 0 ? item.Sense.Row : null;
                col ??= item.Sense.Col != 0 ? item.Sense.Col : null;
                centre |= item.Sense.Centre;
            }
            corner |= item.Cat == Cat.Corner;
        }
        if (row is null && col is null)
        {
            return centre ? Anchor.Center : corner ? Anchor.TopRight : null;
        }
        if (corner && (row is null || col is null))
        {
            // "the left corner", "bottom corner": a corner on that side; top and right are the defaults.
            return AnchorExtensions.FromGrid(row ?? -1, col ?? 1);
        }
        return AnchorExtensions.FromGrid(row ?? 0, col ?? 0);
    }

    private static double Scale(Clause c)
    {
        if (c.First(Cat.Percent) is { Number: { } percent })
        {
            return Math.Clamp(percent / 100.0, 0.05, 0.6);
        }
        if (c.Has(Cat.SizeSmall))
        {
            return OverlayOp.SmallScale;
        }
        return c.Has(Cat.SizeLarge) ? OverlayOp.LargeScale : OverlayOp.DefaultScale;
    }

}
