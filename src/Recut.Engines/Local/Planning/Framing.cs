using System.Globalization;
using Recut.Engines.Local.Plan;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// How a reframe meets the request and the source. The shape comes from the instruction ("make it vertical") or, when
/// the instruction only asks to follow or centre the person, from the <c>ratio</c> parameter. Both given and
/// different (ratio 16:9, "make it vertical") is refused with InvalidParameter naming both: the engine does not guess
/// which one the caller meant. A reframe with no shape to go to — no ratio named anywhere, or one the source already
/// has — is refused as UnsupportedEdit, because there would be nothing to follow the person with. Stabilising and
/// reframing together are refused too: the moving window would be measured as camera shake.
/// </summary>
internal static class Framing
{
    /// <summary>The shape of two reframe requests read as one ("竖屏，人物居中": the shape and the following).</summary>
    public static IReadOnlyList<EditOperation> Merge(IReadOnlyList<EditOperation> operations)
    {
        var reframes = operations.OfType<ReframeOp>().ToList();
        if (reframes.Count < 2)
        {
            return operations;
        }
        var shapes = reframes.Select(r => r.Ratio).OfType<string>().Distinct().ToList();
        if (shapes.Count > 1)
        {
            throw Capabilities.Error($"The instruction asks for two different shapes ({string.Join(" and ", shapes)}); name one.");
        }
        // The plan's run order puts the reframe first anyway (PlanConsistency.InRunOrder).
        return [new ReframeOp(shapes.FirstOrDefault()), .. operations.Where(o => o is not ReframeOp)];
    }

    public static (IReadOnlyList<EditOperation> Operations, OutputPlan Output) Apply(
        IReadOnlyList<EditOperation> operations, OutputPlan output, string? requestedRatio, (int Width, int Height) source)
    {
        if (operations.OfType<ReframeOp>().FirstOrDefault() is not { } reframe)
        {
            return (operations, output);
        }
        if (operations.OfType<StabiliseOp>().Any())
        {
            throw Capabilities.Error("Stabilising and reframing the same video together is not supported: the following crop would be measured as camera shake. Ask for one of them.");
        }
        if (reframe.Ratio is { } named && requestedRatio is { } given && named != given)
        {
            throw new ApiErrorException(ErrorCodes.InvalidParameter,
                $"The ratio parameter is {given} but the instruction asks for {named}: send ratio {named} (or leave ratio out) to reframe to {named}, or drop the shape from the instruction to keep {given}.");
        }
        var ratio = reframe.Ratio ?? requestedRatio
            ?? throw Capabilities.Error("The instruction asks to follow the person but names no new shape: say which (vertical 9:16, square 1:1, 3:4 or 4:3) or set the ratio parameter.");
        var (w, h) = OutputSize.For(output.Resolution, ratio);
        var src = source.Width / (double)source.Height;
        var dst = w / (double)h;
        if (Math.Abs(Math.Log(src / dst)) < 0.03)
        {
            throw Capabilities.Error(string.Create(CultureInfo.InvariantCulture,
                $"The video is already {ratio} ({source.Width}×{source.Height}), so there is nothing to reframe: to follow the person, ask for another shape (vertical 9:16, square 1:1, 3:4 or 4:3)."));
        }
        var resolved = reframe with { Ratio = ratio, Axis = src > dst ? ReframeAxis.Horizontal : ReframeAxis.Vertical };
        return (operations.Select(o => o is ReframeOp ? resolved : o).ToList(), output with { Width = w, Height = h, Ratio = ratio });
    }
}
