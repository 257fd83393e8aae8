using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Reading;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// What the instruction asked to keep ("keep the colours unchanged", "人物不要动") against what it asked to change:
/// a contradiction is refused rather than guessed at. "Keep the person in colour" turns a black-and-white look into
/// the background-only one.
/// </summary>
internal static class Protections
{
    public static IEnumerable<EditOperation> ApplyPersonInColour(IEnumerable<EditOperation> operations, bool personInColour) =>
        personInColour
            ? operations.Select(o => o is GlobalLookOp { Look: GlobalLook.Grayscale } ? new BackgroundGrayscaleOp() : o)
            : operations;

    public static void Check(IReadOnlyList<EditOperation> operations, IReadOnlyCollection<Protected> kept)
    {
        foreach (var p in kept.Distinct())
        {
            if (operations.FirstOrDefault(o => Touches(o, p)) is { } op)
            {
                throw Capabilities.Error($"The instruction asks to keep {Describe(p)} as it is, but also to {op.Describe()}; say which one you want.");
            }
        }
    }

    private static bool Touches(EditOperation op, Protected p) => p switch
    {
        Protected.Everything => true,
        Protected.Person => op is OutfitRecolourOp or FaceAnonymiseOp,
        Protected.Garment => op is OutfitRecolourOp,
        Protected.Background => op is BackgroundReplaceOp or BackgroundBlurOp or BackgroundSolidOp or BackgroundGrayscaleOp,
        Protected.Colours => op is ColourLookOp or BackgroundGrayscaleOp or DayForNightOp or CartoonOp
            or GlobalLookOp { Look: GlobalLook.Saturation or GlobalLook.Warmth or GlobalLook.Grayscale or GlobalLook.Sepia },
        Protected.Brightness => op is GlobalLookOp { Look: GlobalLook.Brightness } or DayForNightOp or VignetteOp or FadeOp,
        Protected.Contrast => op is GlobalLookOp { Look: GlobalLook.Contrast },
        Protected.Saturation => op is GlobalLookOp { Look: GlobalLook.Saturation },
        Protected.Warmth => op is GlobalLookOp { Look: GlobalLook.Warmth },
        _ => false,
    };

    private static string Describe(Protected p) => p switch
    {
        Protected.Everything => "the video",
        Protected.Person => "the person",
        Protected.Background => "the background",
        Protected.Colours => "the colours",
        Protected.Garment => "the clothes",
        _ => $"the {p.ToString().ToLowerInvariant()}",
    };
}
