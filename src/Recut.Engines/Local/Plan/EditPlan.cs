namespace Recut.Engines.Local.Plan;

/// <summary>What the local engine will do: the operations in order, the output decisions, and how the words were read.</summary>
public sealed record EditPlan(IReadOnlyList<EditOperation> Operations, OutputPlan Output)
{
    /// <summary>The planner's reading notes (typos it corrected, words kept as constraints, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IEnumerable<FrameOperation> FrameOperations => Operations.OfType<FrameOperation>();

    public bool NeedsFramePipeline => Operations.Any(o => o is FrameOperation);

    /// <summary>
    /// The plan in plain words (becomes <c>actual_prompt</c>), e.g. "Edit plan: (1) transfer the colour palette of
    /// reference image 1 onto every frame (…); (2) place reference image 2 in the top-right corner …; output 1280×720
    /// (16:9) at 30 fps, 5.00 s, source audio kept, watermark "AI生成" bottom-right."
    /// </summary>
    public string Describe()
    {
        var steps = Operations.Select((o, i) => $"({i + 1}) {o.Describe()}");
        return $"Edit plan: {string.Join("; ", steps)}; {Output.Describe()}";
    }
}
