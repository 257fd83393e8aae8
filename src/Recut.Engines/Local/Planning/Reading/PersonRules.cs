using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>Person-aware edits: background replaced, blurred, made a solid colour or black-and-white; outfit recoloured.</summary>
internal static class PersonRules
{
    public static bool Read(Clause c, ClauseContext context, ClauseOutcome outcome, double intensity)
    {
        var background = c.Has(Cat.Background)
            || (context.InheritBackground && (c.Has(Cat.Blur) || c.Has(Cat.Soft) || c.Has(Cat.Bokeh)));
        if (background || c.Has(Cat.Everything))
        {
            return Background(c, outcome, intensity, background);
        }
        if (c.Has(Cat.Garment))
        {
            return Outfit(c, outcome);
        }
        if (c.First(Cat.ChromaKey) is { } key)
        {
            Add(c, outcome, new Request(RequestKind.BackgroundSolid, EditRules.Fragment(c), EditRules.Start(c)) { Colour = key.Sense.Colour });
            c.Use(Cat.ChromaKey, Cat.Person);
            return true;
        }
        if (c.Has(Cat.Cutout))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundSolid, EditRules.Fragment(c), EditRules.Start(c)) { Colour = NamedColour.Green, AwaitsColour = true });
            c.Use(Cat.Cutout, Cat.Person);
            return true;
        }
        if (c.Has(Cat.ColourPop))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundGrey, EditRules.Fragment(c), EditRules.Start(c)));
            c.Use(Cat.ColourPop, Cat.Person);
            return true;
        }
        if (c.Has(Cat.Bokeh))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundBlur, EditRules.Fragment(c), EditRules.Start(c)) { Intensity = intensity });
            c.Use(Cat.Bokeh, Cat.Person);
            return true;
        }
        // "put me on the beach from the photo", "把我放到这张照片里": the person moved into the reference scene.
        if (c.Has(Cat.Reference) && !c.Has(Cat.Logo) && !c.Has(Cat.Anchor) && !c.Has(Cat.Corner)
            && (c.Has(Cat.Person) || c.Has(Cat.Scene)) && (c.Has(Cat.Place) || c.Has(Cat.Replace)))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundReplace, EditRules.Fragment(c), EditRules.Start(c)) { Image = EditRules.ImageNamed(c) });
            c.Use(Cat.Person, Cat.Scene, Cat.Reference, Cat.Place, Cat.Replace);
            return true;
        }
        return false;
    }

    private static bool Background(Clause c, ClauseOutcome outcome, double intensity, bool background)
    {
        if (RemovesSomethingElse(c))
        {
            return false; // "remove the people in the background": the background is where, not what
        }
        var fragment = EditRules.Fragment(c);
        var start = EditRules.Start(c);
        var desaturate = c.Items.Any(i => !i.Negated && i.Cat == Cat.Directional && i.Text.StartsWith("desaturat", StringComparison.OrdinalIgnoreCase));
        if (c.Has(Cat.Grey) || desaturate || (c.Has(Cat.Colours) && (c.Has(Cat.Off) || c.Has(Cat.Remove))))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundGrey, fragment, start));
            c.Use(Cat.Background, Cat.Everything, Cat.Grey, Cat.Colours, Cat.Off, Cat.Remove, Cat.Replace);
            if (desaturate)
            {
                c.Use(Cat.Directional);
            }
            return true;
        }
        if (!background)
        {
            return false; // "everything else" with another edit is not a background edit
        }
        if (c.Has(Cat.Blur) || c.Has(Cat.Soft) || c.Has(Cat.Bokeh))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundBlur, fragment, start) { Intensity = intensity });
            c.Use(Cat.Background, Cat.Blur, Cat.Soft, Cat.Bokeh, Cat.Increase, Cat.Person, Cat.Everything);
            return true;
        }
        if (c.Has(Cat.Reference))
        {
            Add(c, outcome, new Request(RequestKind.BackgroundReplace, fragment, start) { Image = EditRules.ImageNamed(c) });
            c.Use(Cat.Background, Cat.Reference, Cat.Replace, Cat.Scene, Cat.Person);
            return true;
        }
        if (c.First(Cat.ChromaKey) is { } key)
        {
            Add(c, outcome, new Request(RequestKind.BackgroundSolid, fragment, start) { Colour = key.Sense.Colour });
            c.Use(Cat.Background, Cat.ChromaKey, Cat.Replace, Cat.Remove, Cat.Person);
            return true;
        }
        if (c.First(Cat.ColourName) is { } colour)
        {
            Add(c, outcome, new Request(RequestKind.BackgroundSolid, fragment, start) { Colour = colour.Sense.Colour });
            c.Use(Cat.Background, Cat.ColourName, Cat.Solid, Cat.Replace, Cat.Remove, Cat.Person, Cat.Colours);
            return true;
        }
        if (c.Has(Cat.Remove) || c.Has(Cat.Cutout))
        {
            // Plain removal means green screen, unless a following clause names the colour.
            Add(c, outcome, new Request(RequestKind.BackgroundSolid, fragment, start) { Colour = NamedColour.Green, AwaitsColour = true });
            c.Use(Cat.Background, Cat.Remove, Cat.Cutout, Cat.Person, Cat.Solid);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A removal that names something besides the background: "remove the people in the background",
    /// "去掉背景里的人". Only a possessive owner may stand beside it ("the girl's background", "人物的背景").
    /// </summary>
    private static bool RemovesSomethingElse(Clause c)
    {
        var items = c.Items.Where(i => !i.Negated).ToList();
        var removing = false;
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            if (item.Cat is Cat.Remove or Cat.Cutout)
            {
                removing = true;
            }
            else if (removing && item.Cat is Cat.Person or Cat.Garment or Cat.Logo or Cat.Reference or Cat.Colours or Cat.Unknown or Cat.Hard
                     && !OwnsTheBackground(items, k))
            {
                return true;
            }
        }
        return false;
    }

    private static bool OwnsTheBackground(List<Item> items, int k)
    {
        var possessive = items[k].Text.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || items[k].Text.EndsWith("s'", StringComparison.OrdinalIgnoreCase);
        var next = k + 1 < items.Count ? items[k + 1] : null;
        if (next?.Text == "的")
        {
            possessive = true;
            next = k + 2 < items.Count ? items[k + 2] : null;
        }
        return possessive && next?.Cat == Cat.Background;
    }

    private static bool Outfit(Clause c, ClauseOutcome outcome)
    {
        if (!c.Has(Cat.Reference) && OutfitColour(c, outcome))
        {
            return true;
        }
        if (!c.Has(Cat.Reference) && !c.Has(Cat.Wear))
        {
            return false;
        }
        if (c.Has(Cat.ColourName))
        {
            return false;
        }
        Add(c, outcome, new Request(RequestKind.Outfit, EditRules.Fragment(c), EditRules.Start(c)) { Image = EditRules.ImageNamed(c) });
        c.Use(Cat.Garment, Cat.Reference, Cat.Replace, Cat.Wear, Cat.Person, Cat.Scene);
        return true;
    }

    /// <summary>
    /// "make her jacket red", "把衣服换成黑色", "recolour the uniform to #1060d0": a colour named for the clothes, taken
    /// from the garment palette (navy cloth is a dark blue, black cloth a soft black), not the background colours.
    /// </summary>
    private static bool OutfitColour(Clause c, ClauseOutcome outcome)
    {
        if (GarmentColours.FindWithWords(c.Text) is not var (colour, words)
            || (!c.Has(Cat.ColourName) && !GarmentColours.HasHexCode(c.Text) && !c.Has(Cat.Unknown)))
        {
            return false;
        }
        Add(c, outcome, new Request(RequestKind.OutfitColour, EditRules.Fragment(c), EditRules.Start(c)) { Colour = colour });
        c.Use(Cat.Garment, Cat.ColourName, Cat.Replace, Cat.Wear, Cat.Person, Cat.Solid, Cat.Colours);
        // Cloth colours the lexicon does not list ("navy", "royal blue", "藏青色", a hex code) and words it reads otherwise
        // ("light" in "light grey") are explained by the colour they name.
        foreach (var item in c.Items.Where(i => !i.Negated && !i.Used && i.Text.Length > 0
                     && (words.Contains(i.Text, StringComparison.OrdinalIgnoreCase) || i.Text.Contains(words, StringComparison.OrdinalIgnoreCase))))
        {
            item.Used = true;
        }
        return true;
    }

    private static void Add(Clause c, ClauseOutcome outcome, Request request)
    {
        outcome.Requests.Add(request);
        c.Use(Cat.Generic, Cat.Place, Cat.Use, Cat.Want, Cat.ObjectMarker);
    }
}
