using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

internal enum FollowOnKind { None, Anchor, Size, Intensity, Colour, BareDimension, Fix }

/// <summary>Clauses that only add a detail to a neighbour's edit, and how that detail is given to it.</summary>
internal static class FollowOn
{
    private static readonly HashSet<Cat> Glue = [Cat.Filler, Cat.Polite, Cat.Subject, Cat.Only, Cat.ObjectMarker, Cat.Be, Cat.Want];

    public static FollowOnKind KindOf(Clause c)
    {
        var cats = c.Items.Select(i => i.Cat).ToHashSet();
        bool Only(params Cat[] allowed) => cats.All(x => Glue.Contains(x) || allowed.Contains(x));
        if ((cats.Contains(Cat.Anchor) || cats.Contains(Cat.Corner)) && Only(Cat.Anchor, Cat.Corner, Cat.Place, Cat.Generic, Cat.Small, Cat.Large, Cat.Frame, Cat.SizeSmall, Cat.SizeLarge))
        {
            return FollowOnKind.Anchor;
        }
        if ((cats.Contains(Cat.SizeSmall) || cats.Contains(Cat.SizeLarge) || cats.Contains(Cat.Percent)) && Only(Cat.SizeSmall, Cat.SizeLarge, Cat.Percent, Cat.Small, Cat.Large, Cat.Generic))
        {
            return FollowOnKind.Size;
        }
        if ((cats.Contains(Cat.Small) || cats.Contains(Cat.Large)) && Only(Cat.Small, Cat.Large, Cat.Generic, Cat.Increase))
        {
            return FollowOnKind.Intensity;
        }
        if (cats.Contains(Cat.ColourName) && Only(Cat.ColourName, Cat.Solid, Cat.Replace, Cat.Generic, Cat.Place, Cat.Colours))
        {
            return FollowOnKind.Colour;
        }
        if (cats.Contains(Cat.Dimension) && Only(Cat.Dimension, Cat.Small, Cat.Large, Cat.Frame))
        {
            return FollowOnKind.BareDimension;
        }
        return cats.Contains(Cat.Fix) && Only(Cat.Fix, Cat.Generic) ? FollowOnKind.Fix : FollowOnKind.None;
    }

    public static void Resolve(List<Clause> clauses, ClauseOutcome?[] outcomes, InstructionReading reading)
    {
        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            var kind = KindOf(clause);
            var done = kind switch
            {
                FollowOnKind.Anchor => GiveAnchor(clause, Nearest(outcomes, i, r => r.Kind is RequestKind.Overlay or RequestKind.Title && r.Anchor is null)),
                FollowOnKind.Size => GiveSize(clause, Before(outcomes, i, r => r.Kind == RequestKind.Overlay)),
                FollowOnKind.Intensity => GiveIntensity(clause, i > 0 ? outcomes[i - 1] : null),
                FollowOnKind.Colour => GiveColour(clause, Before(outcomes, i, r => r.AwaitsColour), reading),
                FollowOnKind.BareDimension => ShareDirection(clause, i, outcomes),
                FollowOnKind.Fix => outcomes.Any(o => o?.Requests.Any(r => r.Cure) == true),
                _ => true,
            };
            if (kind != FollowOnKind.None && done)
            {
                foreach (var item in clause.Items)
                {
                    item.Used = true;
                }
            }
            else if (kind != FollowOnKind.None)
            {
                // Nothing to attach to: read it as a clause of its own (a lone "top left" is then refused).
                outcomes[i] = ClauseReader.Read(clause, new ClauseContext(false, false));
            }
            if (kind == FollowOnKind.None && outcomes[i] is { } outcome && AfterRemoval(outcomes, i) && RefersBack(clause)
                && outcome.Requests.Count > 0)
            {
                // "remove the background, then blur it": "it" may be the removed background; guessing could be a wrong edit.
                outcome.Requests.Clear();
                outcome.Refusal = "unclear whether \"it\" is the removed background";
            }
        }
        MergeBackgroundColour(outcomes);
        foreach (var request in outcomes.Where(o => o is not null).SelectMany(o => o!.Requests))
        {
            request.AwaitsColour = false;
        }
    }

    private static bool GiveAnchor(Clause clause, Request? overlay)
    {
        if (overlay is null)
        {
            return false;
        }
        overlay.Anchor = OverlayAndLookRules.AnchorOf(clause.Items);
        return true;
    }

    private static bool GiveSize(Clause clause, Request? overlay)
    {
        if (overlay is null)
        {
            return false;
        }
        overlay.Scale = clause.First(Cat.Percent) is { Number: { } percent } ? Math.Clamp(percent / 100.0, 0.05, 0.6)
            : clause.Has(Cat.SizeSmall) ? OverlayOp.SmallScale : OverlayOp.LargeScale;
        return true;
    }

    /// <summary>"把人像抠出来，背景换成白色": the later clause names the colour of the background the earlier one removed.</summary>
    private static void MergeBackgroundColour(ClauseOutcome?[] outcomes)
    {
        var removal = outcomes.SelectMany(o => o?.Requests ?? []).FirstOrDefault(r => r.AwaitsColour);
        if (removal is null)
        {
            return;
        }
        foreach (var outcome in outcomes.Where(o => o is not null))
        {
            var solid = outcome!.Requests.FirstOrDefault(r => r != removal && r.Kind == RequestKind.BackgroundSolid && r.Start > removal.Start);
            if (solid is not null)
            {
                removal.Colour = solid.Colour;
                outcome.Requests.Remove(solid);
                return;
            }
        }
    }

    private static bool GiveIntensity(Clause clause, ClauseOutcome? previous)
    {
        if (previous is null || previous.Requests.Count == 0)
        {
            return false;
        }
        var intensity = EditRules.Intensity(clause);
        foreach (var r in previous.Requests)
        {
            r.Intensity = intensity;
        }
        return true;
    }

    private static bool GiveColour(Clause clause, Request? removal, InstructionReading reading)
    {
        if (removal is null)
        {
            return false;
        }
        removal.Colour = clause.First(Cat.ColourName)!.Sense.Colour;
        removal.AwaitsColour = false;
        reading.Notes.Add($"\"{clause.Text.Trim()}\" read as the colour for the removed background");
        return true;
    }

    /// <summary>"提高饱和度和对比度" / "饱和度和对比度都调低": a bare dimension takes the direction of its neighbour.</summary>
    private static bool ShareDirection(Clause clause, int i, ClauseOutcome?[] outcomes)
    {
        var neighbour = (i > 0 ? outcomes[i - 1]?.Requests.LastOrDefault(IsDirectional) : null)
            ?? (i + 1 < outcomes.Length ? outcomes[i + 1]?.Requests.FirstOrDefault(IsDirectional) : null);
        if (neighbour is null)
        {
            return false;
        }
        var outcome = outcomes[i] = new ClauseOutcome();
        foreach (var dim in clause.Items.Where(x => x.Cat == Cat.Dimension))
        {
            outcome.Requests.Add(new Request(RequestKind.GlobalLook, dim.Text, dim.Start)
            {
                Look = dim.Sense.Look!.Value,
                Sign = neighbour.Sign,
                Intensity = neighbour.Intensity,
            });
        }
        return true;
    }

    private static bool IsDirectional(Request r) =>
        r.Kind == RequestKind.GlobalLook && r.Look is GlobalLook.Brightness or GlobalLook.Contrast or GlobalLook.Saturation or GlobalLook.Warmth;

    private static bool AfterRemoval(ClauseOutcome?[] outcomes, int i) =>
        outcomes.Take(i).Any(o => o?.Requests.Any(r => r.AwaitsColour) == true);

    private static bool RefersBack(Clause c) =>
        c.Items.Any(x => x.Cat == Cat.Subject && x.Text.ToLowerInvariant() is "it" or "它") && !c.Has(Cat.Frame);

    private static Request? Before(ClauseOutcome?[] outcomes, int i, Func<Request, bool> match) =>
        outcomes.Take(i).Reverse().SelectMany(o => o?.Requests ?? []).FirstOrDefault(match);

    private static Request? Nearest(ClauseOutcome?[] outcomes, int i, Func<Request, bool> match) =>
        Before(outcomes, i, match) ?? outcomes.Skip(i + 1).SelectMany(o => o?.Requests ?? []).FirstOrDefault(match);
}
