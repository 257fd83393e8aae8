using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>Removes repeats, refuses contradictions, and puts the operations in the order the renderer runs them.</summary>
internal static class PlanConsistency
{
    /// <summary>The order looks are composed in the colour maps (see YuvLook); the plan lists them the same way.</summary>
    public static readonly GlobalLook[] LookOrder =
        [GlobalLook.Brightness, GlobalLook.Contrast, GlobalLook.Saturation, GlobalLook.Warmth, GlobalLook.Grayscale, GlobalLook.Sepia];

    public static List<EditOperation> Merge(IEnumerable<EditOperation> operations)
    {
        var result = new List<EditOperation>();
        foreach (var op in operations)
        {
            switch (op)
            {
                case GlobalLookOp look when result.OfType<GlobalLookOp>().FirstOrDefault(o => o.Look == look.Look) is { } earlier:
                    if (Math.Sign(earlier.Amount) != Math.Sign(look.Amount))
                    {
                        throw Capabilities.Error($"The instruction asks for opposite changes at once: \"{earlier.Describe()}\" and \"{look.Describe()}\".");
                    }
                    continue; // said twice: the first wording wins
                case ColourLookOp colour when result.OfType<ColourLookOp>().FirstOrDefault() is { } earlier:
                    if (earlier.ReferenceIndex != colour.ReferenceIndex)
                    {
                        throw Capabilities.Error($"The instruction asks for the colour look of two different reference images ({earlier.ReferenceIndex + 1} and {colour.ReferenceIndex + 1}); name one.");
                    }
                    continue;
                case BlurOp when result.OfType<BlurOp>().Any():
                case BackgroundBlurOp when result.OfType<BackgroundBlurOp>().Any():
                case FaceAnonymiseOp when result.OfType<FaceAnonymiseOp>().Any():
                    continue;
                case BackgroundReplaceOp or BackgroundSolidOp when result.Any(o => o is BackgroundReplaceOp or BackgroundSolidOp && o != op):
                    throw Capabilities.Error("The instruction asks for two different new backgrounds; name one.");
                case FadeOp fade when result.OfType<FadeOp>().FirstOrDefault() is { } earlier:
                    result[result.IndexOf(earlier)] = new FadeOp(earlier.In || fade.In, earlier.Out || fade.Out); // "fade in … and fade out"
                    continue;
                case VignetteOp when result.OfType<VignetteOp>().Any():
                case FilmGrainOp when result.OfType<FilmGrainOp>().Any():
                case DenoiseOp when result.OfType<DenoiseOp>().Any():
                case SharpenOp when result.OfType<SharpenOp>().Any():
                    continue; // said twice: the first wording wins
                case SpeedOp speed when result.OfType<SpeedOp>().FirstOrDefault() is { } earlier && earlier != speed:
                    throw Capabilities.Error($"The instruction asks for two different speeds ({earlier.Factor:0.##}× and {speed.Factor:0.##}×); name one.");
                case TrimOp trim when result.OfType<TrimOp>().FirstOrDefault() is { } earlier && earlier != trim:
                    throw Capabilities.Error("The instruction asks for two different trims; name one part of the clip to keep or cut.");
                case TitleOp title when result.OfType<TitleOp>().Any(t => t.Anchor == title.Anchor && t != title):
                    throw Capabilities.Error($"The instruction asks for two texts in {title.Anchor.Describe()}; give them different positions.");
            }
            if (!result.Contains(op))
            {
                result.Add(op);
            }
        }
        if (result.Any(o => o is FrameOperation) && result.FirstOrDefault(o => o is SpeedOp or ReverseOp or TrimOp or StabiliseOp) is { } timed)
        {
            // The person pipeline decodes, processes and encodes frame by frame on the source's timeline.
            throw Capabilities.Error($"A person-aware edit cannot be combined with \"{timed.Describe()}\" in one task; run them as two tasks.");
        }
        return result;
    }

    public static IReadOnlyList<EditOperation> InRunOrder(IReadOnlyList<EditOperation> operations) =>
        operations.OfType<ReframeOp>().Cast<EditOperation>()
            .Concat(operations.OfType<TrimOp>())
            .Concat(operations.OfType<ReverseOp>())
            .Concat(operations.OfType<SpeedOp>())
            .Concat(operations.OfType<StabiliseOp>())
            // Faces are covered last, over whatever the other person edits composited.
            .Concat(operations.OfType<FrameOperation>().Where(o => o is not FaceAnonymiseOp))
            .Concat(operations.OfType<FaceAnonymiseOp>())
            .Concat(operations.OfType<DenoiseOp>())
            .Concat(operations.OfType<ColourLookOp>())
            .Concat(operations.OfType<GlobalLookOp>().OrderBy(o => Array.IndexOf(LookOrder, o.Look)))
            .Concat(operations.OfType<BlurOp>())
            .Concat(operations.OfType<MirrorOp>())
            .Concat(operations.OfType<DayForNightOp>())
            .Concat(operations.OfType<CartoonOp>())
            .Concat(operations.OfType<SharpenOp>())
            .Concat(operations.OfType<VignetteOp>())
            .Concat(operations.OfType<FilmGrainOp>())
            .Concat(operations.OfType<OverlayOp>())
            .Concat(operations.OfType<TitleOp>())
            .Concat(operations.OfType<FadeOp>())
            .ToList();
}
