using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// Turns an English or Chinese instruction into an <see cref="EditPlan"/>. Conservative by design: if any part of the
/// instruction demands an edit it does not recognise, or nothing is recognised, it throws UnsupportedEdit listing what
/// the local engine can do — a clear failure beats a video the user did not ask for.
/// An empty instruction (allowed by the DashScope dialect) with a reference image means the default style edit:
/// the colour look of reference image 1; without a reference image it is unsupported.
/// </summary>
public sealed class InstructionPlanner
{
    private readonly Capabilities capabilities;

    public InstructionPlanner(IEnumerable<IFrameProcessorFactory> frameProcessorFactories)
    {
        ArgumentNullException.ThrowIfNull(frameProcessorFactories);
        capabilities = new Capabilities(frameProcessorFactories.ToList());
    }

    public EditPlan Plan(EditJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var operations = PlanOperations(job.Request.Prompt, job.ReferenceImages.Count);
        return new EditPlan(operations, OutputPlanner.Decide(job.Request, job.Video.Info));
    }

    /// <summary>The operations, in the order they will run (frame steps, colour maps, blur, mirror, overlays).</summary>
    public IReadOnlyList<EditOperation> PlanOperations(string? prompt, int referenceCount)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return referenceCount > 0
                ? [new ColourLookOp(0, ColourLookOp.DefaultStrength)]
                : throw capabilities.EmptyWithoutReference();
        }
        var scan = PromptScanner.Scan(prompt);
        if (scan.Unsupported.Count > 0)
        {
            throw capabilities.CannotDo(scan.Unsupported);
        }
        if (scan.Intents.Count == 0)
        {
            throw capabilities.NothingRecognised();
        }
        var references = ReferenceAssigner.Assign(scan.Intents, referenceCount);
        var built = scan.Intents.Select((intent, i) => (Intent: intent, Operation: intent.Build!(references[i]))).ToList();

        var unavailable = built.Where(b => b.Operation is FrameOperation f && !capabilities.CanRun(f)).Select(b => b.Intent.Fragment).ToList();
        if (unavailable.Count > 0)
        {
            throw capabilities.PersonUnavailable(unavailable);
        }
        var operations = PlanConsistency.Merge(built.Select(b => b.Operation));
        return PlanConsistency.InRunOrder(operations);
    }
}
