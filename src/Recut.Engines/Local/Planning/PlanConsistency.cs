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
                    continue;
                case BackgroundReplaceOp or BackgroundSolidOp when result.Any(o => o is BackgroundReplaceOp or BackgroundSolidOp && o != op):
                    throw Capabilities.Error("The instruction asks for two different new backgrounds; name one.");
            }
            if (!result.Contains(op))
            {
                result.Add(op);
            }
        }
        return result;
    }

    public static IReadOnlyList<EditOperation> InRunOrder(IReadOnlyList<EditOperation> operations) =>
        operations.OfType<FrameOperation>().Cast<EditOperation>()
            .Concat(operations.OfType<ColourLookOp>())
            .Concat(operations.OfType<GlobalLookOp>().OrderBy(o => Array.IndexOf(LookOrder, o.Look)))
            .Concat(operations.OfType<BlurOp>())
            .Concat(operations.OfType<MirrorOp>())
            .Concat(operations.OfType<OverlayOp>())
            .ToList();
}
