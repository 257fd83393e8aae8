using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Reading;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// Turns an English or Chinese instruction into an <see cref="EditPlan"/>. The instruction is read as tokens
/// (jieba for Chinese) mapped onto a lexicon of edit concepts, clause by clause, with negation, constraints,
/// complaints and follow-on clauses (see <see cref="InstructionReader"/>). Conservative by design: if any part of the
/// instruction demands something it cannot place, or nothing is recognised, it throws UnsupportedEdit naming those
/// words and listing what the local engine can do — a clear failure beats a video the user did not ask for.
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
        var preview = Preview(job.Request.Prompt, job.ReferenceImages.Count);
        var (operations, output) = Framing.Apply(preview.Operations, OutputPlanner.Decide(job.Request, job.Video.Info),
            job.Request.Ratio, job.Video.Info.DisplaySize);
        var timed = Timeline.Apply(operations, output);
        return new EditPlan(timed.Operations, timed.Output) { Notes = [.. preview.Notes, .. timed.Notes] };
    }

    /// <summary>The operations, in the order they will run (frame steps, colour maps, blur, mirror, overlays).</summary>
    public IReadOnlyList<EditOperation> PlanOperations(string? prompt, int referenceCount) => Preview(prompt, referenceCount).Operations;

    /// <summary>The operations and how the instruction was read; throws UnsupportedEdit when it cannot be done.</summary>
    public PlanPreview Preview(string? prompt, int referenceCount)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return referenceCount > 0
                ? new PlanPreview([new ColourLookOp(0, ColourLookOp.DefaultStrength)], ["empty instruction: the default edit, the colour look of reference image 1"])
                : throw capabilities.EmptyWithoutReference();
        }
        var reading = InstructionReader.Read(prompt);
        if (reading.Refused.Count > 0)
        {
            throw capabilities.CannotDo(reading.Refused, reading.UnknownWords, reading.Reasons,
                reading.Notes.Where(n => n.StartsWith("read \"", StringComparison.Ordinal)).ToList());
        }
        if (reading.Requests.Count == 0)
        {
            throw capabilities.NothingRecognised();
        }
        var intents = reading.Requests.OrderBy(r => r.Start).Select(RequestBuilder.ToIntent).ToList();
        var references = ReferenceAssigner.Assign(intents, referenceCount);
        var built = intents.Select((intent, i) => (Intent: intent, Operation: intent.Build(references[i]))).ToList();

        var unavailable = built.Where(b => b.Operation is FrameOperation f && !capabilities.CanRun(f)).Select(b => b.Intent.Fragment).ToList();
        if (unavailable.Count > 0)
        {
            throw capabilities.PersonUnavailable(unavailable);
        }
        var operations = Framing.Merge(PlanConsistency.Merge(Protections.ApplyPersonInColour(built.Select(b => b.Operation), reading.PersonInColour)));
        Protections.Check(operations, reading.Protections);
        var notes = reading.Notes.ToList();
        if (reading.Protections.Count > 0)
        {
            notes.Add($"kept as it is: {string.Join(", ", reading.Protections.Distinct().Select(p => p.ToString().ToLowerInvariant()))}");
        }
        notes.AddRange(reading.Requests.Where(r => r.Cure).Select(r => $"\"{r.Fragment}\" read as a problem to fix"));
        notes.AddRange(reading.Requests.Where(r => r.Kind == RequestKind.Overlay && r.Anchor is null).Select(_ => "no position named for the image: the top-right corner"));
        notes.AddRange(reading.Requests.Where(r => r.Kind == RequestKind.Title && r.Anchor is null)
            .Select(r => $"no position named for the text: {r.FallbackAnchor.Describe()}"));
        return new PlanPreview(PlanConsistency.InRunOrder(operations), notes.Distinct().ToList());
    }
}

/// <summary>A planned edit without its output decisions: the operations in run order and how the words were read.</summary>
public sealed record PlanPreview(IReadOnlyList<EditOperation> Operations, IReadOnlyList<string> Notes);
