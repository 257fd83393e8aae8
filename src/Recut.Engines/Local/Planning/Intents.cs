using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>Turns a rule's match into an <see cref="Intent"/>, reading the modifiers of its clause.</summary>
internal static class Intents
{
    public static Intent ColourLook(RuleHit h)
    {
        var strength = h.Intensity switch
        {
            Modifiers.Small => 0.5,
            Modifiers.Large => 1.0,
            _ => ColourLookOp.DefaultStrength,
        };
        return new(IntentFamily.Colour, true, h.ExplicitReference, i => new ColourLookOp(i, strength));
    }

    public static Intent Overlay(RuleHit h)
    {
        var anchor = h.Anchor ?? Anchor.TopRight;
        var scale = Modifiers.OverlayScale(h.Clause);
        return new(IntentFamily.Overlay, true, h.ExplicitReference, i => new OverlayOp(i, anchor, scale));
    }

    /// <summary>Black-and-white and sepia: full unless "a bit"; the directional looks scale with the modifiers.</summary>
    public static Func<RuleHit, Intent> Look(GlobalLook look, int sign) => h =>
    {
        var amount = look is GlobalLook.Grayscale or GlobalLook.Sepia
            ? (h.Intensity < Modifiers.Normal ? 0.6 : 1.0)
            : sign * GlobalLookOp.DefaultAmount * h.Intensity;
        return new(IntentFamily.Global, false, null, _ => new GlobalLookOp(look, amount));
    };

    public static Intent Blur(RuleHit h)
    {
        var strength = h.Intensity;
        return new(IntentFamily.Global, false, null, _ => new BlurOp(strength));
    }

    public static Intent Mirror(RuleHit h) => new(IntentFamily.Global, false, null, _ => new MirrorOp());

    public static Intent BackgroundReplace(RuleHit h) =>
        new(IntentFamily.Person, true, h.ExplicitReference, i => new BackgroundReplaceOp(i));

    public static Intent BackgroundBlur(RuleHit h)
    {
        var strength = h.Intensity switch
        {
            Modifiers.Small => 0.4,
            Modifiers.Large => 1.0,
            _ => 0.7,
        };
        return new(IntentFamily.Person, false, null, _ => new BackgroundBlurOp(strength));
    }

    /// <summary>A solid background in the colour named in the phrase; plain "remove the background" means green screen.</summary>
    public static Intent BackgroundSolid(RuleHit h)
    {
        var c = Modifiers.FindColour(h.Match.Value) ?? NamedColour.Green;
        return new(IntentFamily.Person, false, null, _ => new BackgroundSolidOp(c.R, c.G, c.B, c.Name));
    }

    public static Intent BackgroundGrayscale(RuleHit h) =>
        new(IntentFamily.Person, false, null, _ => new BackgroundGrayscaleOp());

    public static Intent Outfit(RuleHit h) =>
        new(IntentFamily.Person, true, h.ExplicitReference, i => new OutfitRecolourOp(i));

    /// <summary>A phrase that resembles a supported edit but asks for something else (e.g. removing a logo).</summary>
    public static Intent Unsupported(RuleHit h) => new(IntentFamily.Unsupported, false, null, null);
}
