using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Effects done in the filter graph: vignette, grain, fades, day-for-night, the cartoon-style filter, stabilising,
/// denoising, sharpening and reversing. A word naming a fault ("shaky", "noisy", 噪点) asks for its cure only when the
/// clause asks to remove, fix or reduce it, or complains of it; "remove the grain" is denoising, not grain.
/// </summary>
internal static class EffectRules
{
    public static void Read(Clause c, ClauseOutcome outcome, double intensity)
    {
        var cure = c.Has(Cat.Remove) || c.Has(Cat.Fix) || c.Has(Cat.Too) || c.Has(Cat.Decrease) || c.Has(Cat.Be) && !c.Has(Cat.Want);
        var found = false;
        foreach (var item in c.Live(Cat.Effect).Where(i => !i.Used).ToList())
        {
            var kind = item.Sense.Effect!.Value;
            if (item.Sense.Problem && !cure)
            {
                continue; // "make it shaky", "add noise": left unexplained, so refused
            }
            if (kind == EffectKind.Grain && cure)
            {
                kind = EffectKind.Denoise;
            }
            if (kind == EffectKind.Sharpen && c.Has(Cat.Decrease))
            {
                continue; // "less sharpness" would be a blur with other words; not guessed
            }
            if (kind == EffectKind.Reverse && (c.Has(Cat.Colours) || c.Has(Cat.Look) || c.Has(Cat.Horizontal) || c.Has(Cat.Vertical)))
            {
                continue; // "reverse the colours" is an inversion, not playback backwards
            }
            if (kind is not (EffectKind.Denoise or EffectKind.Stabilise) && cure && c.Has(Cat.Remove))
            {
                continue; // "remove the vignette": undoing an effect is not something this engine does
            }
            outcome.Requests.Add(new Request(RequestKind.Effect, EditRules.Fragment(c), item.Start)
            {
                Effect = kind,
                Intensity = intensity,
                Cure = item.Sense.Problem || kind != item.Sense.Effect, // "too shaky", "too grainy": a "fix it" after may refer to it
            });
            item.Used = true;
            found = true;
        }
        if (found)
        {
            c.Use(Cat.Remove, Cat.Fix, Cat.Too, Cat.Be, Cat.Decrease, Cat.Increase, Cat.Part);
        }
    }
}
