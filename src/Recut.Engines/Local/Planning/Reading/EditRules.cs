using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// The edits a clause asks for, read from its concepts rather than its raw text: which things it names (background,
/// person, garment, logo, reference image) decides the family, and every word an edit uses is marked explained.
/// Whatever demand is left unexplained makes the planner refuse.
/// </summary>
internal static class EditRules
{
    public static void Read(Clause c, ClauseContext context, ClauseOutcome outcome)
    {
        if (c.Items.Count == 0 || c.Has(Cat.Hard) || c.Has(Cat.LooksLike))
        {
            return; // named something the engine cannot touch: left unexplained, so refused
        }
        if (c.Live(Cat.Reference).Select(r => r.ImageIndex).Where(i => i is not null).Distinct().Count() > 1)
        {
            outcome.Refusal = "two different images named in one request";
            return;
        }
        var intensity = Intensity(c);
        var handled = FaceRules.Read(c, outcome)
            || PersonRules.Read(c, context, outcome, intensity)
            || OverlayAndLookRules.Read(c, outcome, intensity);
        if (!handled)
        {
            LookRules.Read(c, context, outcome, intensity);
        }
        EffectRules.Read(c, outcome, intensity);
        TimeRules.Read(c, outcome, intensity);
        TitleRules.Read(c, outcome);
        ReframeRules.Read(c, outcome);
        if (outcome.Requests.Count > 0)
        {
            // The verbs and nouns that carried the edits ("make it…", "把视频调成…").
            c.Use(Cat.Generic, Cat.Place, Cat.Use, Cat.Want, Cat.Match, Cat.ObjectMarker, Cat.Frame, Cat.Look, Cat.Colours, Cat.Only, Cat.Small, Cat.Large);
        }
    }

    public static double Intensity(Clause c)
    {
        if (c.Has(Cat.Small))
        {
            return Modifiers.Small;
        }
        return c.Has(Cat.Large) ? Modifiers.Large : Modifiers.Normal;
    }

    /// <summary>A person named as the object of the edit ("make her brighter", "把她…"), not as the speaker.</summary>
    public static bool PersonIsTheObject(Clause c)
    {
        var verbSeen = false;
        foreach (var item in c.Items.Where(i => !i.Negated))
        {
            if (item.Cat is Cat.Generic or Cat.Place or Cat.Replace or Cat.ObjectMarker or Cat.Use or Cat.Wear)
            {
                verbSeen = true;
            }
            else if (item.Cat == Cat.Person && verbSeen)
            {
                return true;
            }
        }
        return false;
    }

    public static int? ImageNamed(Clause c) => c.Live(Cat.Reference).Select(i => i.ImageIndex).FirstOrDefault(i => i is not null);

    public static string Fragment(Clause c) => c.Text.Trim();

    public static int Start(Clause c) => c.Items.Count > 0 ? c.Items[0].Start : 0;
}
