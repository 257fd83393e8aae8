using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Planning;
using Recut.Engines.Local.Reframing;
using Recut.Engines.Local.Rendering;
using Recut.Media.Processes;
using Recut.Protocol.Json;

namespace Recut.Engines.Local;

/// <summary>
/// The "local" engine: plans the instruction (<see cref="InstructionPlanner"/>), reports the plan, renders it with
/// ffmpeg — one process when every step is a filter, a decoder → frame processors → encoder pipeline when a step needs
/// per-frame C# work — and checks the result from its container and the encoder's final report (no second ffprobe).
/// Nothing in it is random: the frames sampled for colour statistics (the keyframes) depend only on the clip, and the
/// seed is handed to frame processors (the only place randomness could enter), so equal seed and equal inputs give
/// byte-identical output.
/// </summary>
public sealed class LocalEditEngine : IEditEngine
{
    private readonly IReadOnlyList<IFrameProcessorFactory> _factories;
    private readonly InstructionPlanner _planner;

    public LocalEditEngine(IEnumerable<IFrameProcessorFactory> frameProcessorFactories)
    {
        ArgumentNullException.ThrowIfNull(frameProcessorFactories);
        _factories = frameProcessorFactories.ToList();
        _planner = new InstructionPlanner(_factories);
    }

    public string Name => "local";

    public InstructionPlanner Planner => _planner;

    public async Task<EditResult> RunAsync(EditJob job, IEditObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observer);
        var plan = Resolve(_planner.Plan(job), job.ReferenceImages);
        var description = plan.Describe();
        await observer.OnPlanAsync(new PlanReport(description, ProtocolJson.Serialize(TaskPlanView.Of(plan))), ct).ConfigureAwait(false);

        var progress = new ProgressTracker(observer);
        progress.Report(0);
        var spec = await RenderSpecFactory.CreateAsync(plan, job, ct).ConfigureAwait(false);
        if (spec.Stabilise)
        {
            spec = await Stabiliser.DetectAsync(job.Video, spec, job.WorkDirectory, ct).ConfigureAwait(false);
        }
        var renderProgress = progress;
        if (spec.Reframe is not null)
        {
            // The analysis is about a third of a reframe's time (docs/BENCHMARKS.md): the bar's first 40 %.
            var models = _factories.OfType<PersonFrameProcessorFactory>().FirstOrDefault()?.ModelsRoot;
            spec = await ReframeAnalyser.AnalyseAsync(job.Video, spec, job.WorkDirectory, models, ct, progress.Slice(0, 0.4)).ConfigureAwait(false);
            renderProgress = progress.Slice(0.4, 1);
        }
        FfmpegProgress? encoder = null;
        try
        {
            if (plan.NeedsFramePipeline)
            {
                await InputDecodeCheck.EnsureOverlaysDecodeAsync(job, spec, ct).ConfigureAwait(false);
                await RenderFramesAsync(plan, job, spec, renderProgress, ct).ConfigureAwait(false);
            }
            else
            {
                encoder = await RenderDirectAsync(job, spec, renderProgress, ct).ConfigureAwait(false);
            }
        }
        catch (FfmpegException e) when (!e.TimedOut && !ct.IsCancellationRequested)
        {
            // A damaged input is the caller's InvalidFile; only a render whose inputs all decode is our fault.
            if (await InputDecodeCheck.FindUndecodableInputAsync(job, spec, e, ct).ConfigureAwait(false) is { } culprit)
            {
                throw culprit;
            }
            throw;
        }
        var output = await RenderedOutput.VerifyAsync(job.OutputPath, spec, encoder, ct).ConfigureAwait(false);
        progress.Complete();
        return new EditResult
        {
            ActualPrompt = job.Request.PromptExtend ? description : null,
            InputVideoDuration = job.Video.Info.DurationSeconds,
            OutputVideoDuration = output.DurationSeconds,
            PlannedOutputDuration = spec.DurationSeconds,
            Width = output.Width,
            Height = output.Height,
        };
    }

    /// <summary>
    /// The one-process render, with the overlays' decode check (see <see cref="InputDecodeCheck"/>) running beside it
    /// rather than before it: the check is a second short ffmpeg whose start-up would otherwise add to the wall time.
    /// A failed check wins over whatever the render did (it rendered without the logo, or failed because of it).
    /// </summary>
    private static async Task<FfmpegProgress?> RenderDirectAsync(EditJob job, RenderSpec spec, ProgressTracker progress, CancellationToken ct)
    {
        if (spec.Overlays.Count == 0)
        {
            return await DirectRenderer.RenderAsync(job.Video, spec, job.OutputPath, progress, ct).ConfigureAwait(false);
        }
        using var renderCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var render = DirectRenderer.RenderAsync(job.Video, spec, job.OutputPath, progress, renderCancel.Token);
        try
        {
            await InputDecodeCheck.EnsureOverlaysDecodeAsync(job, spec, ct).ConfigureAwait(false);
        }
        catch
        {
            await renderCancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await render.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or FfmpegException)
            {
                // the render is abandoned; the check's error is the one to report
            }
            throw;
        }
        return await render.ConfigureAwait(false);
    }

    /// <summary>Each frame step as its factory makes it exact from the reference images (see <see cref="IFrameProcessorFactory.Resolve"/>).</summary>
    private EditPlan Resolve(EditPlan plan, IReadOnlyList<LocalMedia> references) => plan with
    {
        Operations = plan.Operations
            .Select(op => op is FrameOperation f && _factories.FirstOrDefault(x => x.CanCreate(f)) is { } factory ? factory.Resolve(f, references) : op)
            .ToList(),
    };

    private async Task RenderFramesAsync(EditPlan plan, EditJob job, RenderSpec spec, ProgressTracker progress, CancellationToken ct)
    {
        // A processor that looks at the whole clip first (the face edit) makes the render two passes: half the bar each.
        var source = new ShapedFrameReader(job.Video, spec, progress.Slice(0, 0.5));
        var context = new FrameContext(spec.Width, spec.Height, spec.Fps, job.ReferenceImages, job.Request.Seed ?? 0, job.WorkDirectory, source);
        var processors = new List<IFrameProcessor>();
        try
        {
            foreach (var op in plan.FrameOperations)
            {
                var factory = _factories.FirstOrDefault(f => f.CanCreate(op))
                    ?? throw Capabilities.Error($"Person-aware edits are unavailable on this server: cannot {op.Describe()}.");
                processors.Add(await factory.CreateAsync(op, context, ct).ConfigureAwait(false));
            }
            await new FramePipelineRenderer().RenderAsync(job.Video, spec, processors, job.OutputPath,
                source.WasRead ? progress.Slice(0.5, 1) : progress, ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var p in processors)
            {
                p.Dispose();
            }
        }
    }
}
