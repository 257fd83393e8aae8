using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;
using Recut.Engines.Local.Planning.Reading;

namespace Recut.Engines.Local.Planning;

/// <summary>Turns what was read into intents whose operations are built once reference images are shared out.</summary>
internal static class RequestBuilder
{
    public static Intent ToIntent(Request r) => r.Kind switch
    {
        RequestKind.GlobalLook => Global(r, _ => new GlobalLookOp(r.Look, Amount(r))),
        RequestKind.Blur => Global(r, _ => new BlurOp(r.Intensity)),
        RequestKind.Mirror => Global(r, _ => new MirrorOp()),
        RequestKind.ColourLook => new Intent(IntentFamily.Colour, true, r.Image, i => new ColourLookOp(i, ColourStrength(r.Intensity))) { Start = r.Start, Fragment = r.Fragment },
        RequestKind.Overlay => new Intent(IntentFamily.Overlay, true, r.Image, i => new OverlayOp(i, r.Anchor ?? Anchor.TopRight, r.Scale)) { Start = r.Start, Fragment = r.Fragment },
        RequestKind.BackgroundReplace => Person(r, true, i => new BackgroundReplaceOp(i)),
        RequestKind.Outfit => Person(r, true, i => new OutfitRecolourOp(i)),
        RequestKind.OutfitColour => Person(r, false, _ => new OutfitColourOp(r.Colour!.R, r.Colour.G, r.Colour.B, r.Colour.Name)),
        RequestKind.BackgroundBlur => Person(r, false, _ => new BackgroundBlurOp(r.Intensity switch { Modifiers.Small => 0.4, Modifiers.Large => 1.0, _ => 0.7 })),
        RequestKind.BackgroundSolid => Person(r, false, _ => Solid(r.Colour ?? NamedColour.Green)),
        RequestKind.BackgroundGrey => Person(r, false, _ => new BackgroundGrayscaleOp()),
        RequestKind.FaceAnonymise => Person(r, false, _ => new FaceAnonymiseOp(r.FaceStyle)),
        RequestKind.Effect => Global(r, _ => Effect(r)),
        RequestKind.Speed => Global(r, _ => new SpeedOp(r.Factor)),
        RequestKind.Trim => Global(r, _ => new TrimOp(r.TrimPart, r.Seconds)),
        RequestKind.Title => Global(r, _ => new TitleOp(r.Text!, r.Anchor ?? r.FallbackAnchor)),
        RequestKind.Reframe => Global(r, _ => new ReframeOp(r.Ratio)),
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    private static EditOperation Effect(Request r) => r.Effect switch
    {
        EffectKind.Vignette => new VignetteOp(r.Intensity),
        EffectKind.Grain => new FilmGrainOp(r.Intensity),
        EffectKind.FadeIn => new FadeOp(In: true, Out: false),
        EffectKind.FadeOut => new FadeOp(In: false, Out: true),
        EffectKind.FadeBoth => new FadeOp(In: true, Out: true),
        EffectKind.DayForNight => new DayForNightOp(),
        EffectKind.Cartoon => new CartoonOp(),
        EffectKind.Stabilise => new StabiliseOp(),
        EffectKind.Denoise => new DenoiseOp(r.Intensity),
        EffectKind.Sharpen => new SharpenOp(r.Intensity),
        EffectKind.Reverse => new ReverseOp(),
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    /// <summary>Black-and-white and sepia are full unless "a bit"; the directional looks scale with the modifiers.</summary>
    private static double Amount(Request r) => r.Look is GlobalLook.Grayscale or GlobalLook.Sepia
        ? (r.Intensity < Modifiers.Normal ? 0.6 : 1.0)
        : r.Sign * GlobalLookOp.DefaultAmount * r.Intensity;

    private static double ColourStrength(double intensity) => intensity switch
    {
        Modifiers.Small => 0.5,
        Modifiers.Large => 1.0,
        _ => ColourLookOp.DefaultStrength,
    };

    private static BackgroundSolidOp Solid(NamedColour c) => new(c.R, c.G, c.B, c.Name);

    private static Intent Global(Request r, Func<int, EditOperation> build) =>
        new(IntentFamily.Global, false, null, build) { Start = r.Start, Fragment = r.Fragment };

    private static Intent Person(Request r, bool reference, Func<int, EditOperation> build) =>
        new(IntentFamily.Person, reference, reference ? r.Image : null, build) { Start = r.Start, Fragment = r.Fragment };
}
