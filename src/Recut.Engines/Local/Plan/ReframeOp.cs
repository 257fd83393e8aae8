namespace Recut.Engines.Local.Plan;

/// <summary>Which way the crop window can move: along the width of a wide source, or along the height of a tall one.</summary>
public enum ReframeAxis { Horizontal, Vertical }

/// <summary>
/// The frame cut to <paramref name="Ratio"/> (an output ratio of API.md, e.g. "9:16") by a window that follows the
/// person, moved like a camera operator would: still while the person barely moves, eased pans when they do. A
/// null ratio means "the request's <c>ratio</c> parameter" (the instruction asked only to follow or centre the
/// person); <see cref="Axis"/> is known once the plan has met the source video (<see cref="Planning.Framing"/>).
/// </summary>
public sealed record ReframeOp(string? Ratio) : FilterOperation
{
    public ReframeAxis? Axis { get; init; }

    public override string Describe()
    {
        var shape = Ratio is null ? "the requested ratio" : Ratio;
        var direction = Axis switch
        {
            ReframeAxis.Vertical => "up and down",
            ReframeAxis.Horizontal => "left and right",
            _ => "with them",
        };
        return $"reframe to {shape} following the person: the person is found in the frames (segmentation and face detection), "
            + $"and the crop window pans {direction} like a camera operator — holding still while they barely move, easing into and out of each pan, never past the frame's edge";
    }
}
