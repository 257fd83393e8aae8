using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Reframing;
using Recut.Media;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>Resolves a plan's filter operations into a <see cref="RenderSpec"/>: measures colours into per-plane maps, finds the font.</summary>
public static class RenderSpecFactory
{
    public static async Task<RenderSpec> CreateAsync(EditPlan plan, EditJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(job);
        var output = plan.Output;
        var titles = plan.Operations.OfType<TitleOp>().ToList();
        var font = output.Watermark || titles.Count > 0 ? await CjkFontLocator.FindAsync(ct).ConfigureAwait(false) : null;
        var layers = new List<TitleLayer>();
        for (var i = 0; i < titles.Count; i++)
        {
            layers.Add(await TitleFilters.PrepareAsync(titles[i], i, output.Width, output.Height, job.WorkDirectory, font!, ct).ConfigureAwait(false));
        }
        return new RenderSpec
        {
            Width = output.Width,
            Height = output.Height,
            DurationSeconds = output.DurationSeconds,
            Colour = await ColourAsync(plan, job, ct).ConfigureAwait(false),
            BlurSigma = plan.Operations.OfType<BlurOp>().FirstOrDefault()?.SigmaFor(output.Height),
            Mirror = plan.Operations.OfType<MirrorOp>().Any(),
            Overlays = plan.Operations.OfType<OverlayOp>()
                .Select(o => new OverlayLayer(job.ReferenceImages[o.ReferenceIndex], o.Anchor, o.Scale))
                .ToList(),
            WatermarkFontPath = output.Watermark ? font : null,
            KeepAudio = output.KeepAudio,
            Timing = output.SourceSpan is { } span
                ? new Timing(span.Start, span.End - span.Start, plan.Operations.OfType<SpeedOp>().FirstOrDefault()?.Factor ?? 1,
                    plan.Operations.OfType<ReverseOp>().Any())
                : null,
            Effects = plan.Operations.Where(o => o is DenoiseOp or DayForNightOp or CartoonOp or SharpenOp or VignetteOp or FilmGrainOp)
                .Cast<FilterOperation>().ToList(),
            Titles = layers,
            Fade = plan.Operations.OfType<FadeOp>().FirstOrDefault(),
            Stabilise = plan.Operations.OfType<StabiliseOp>().Any(),
            Reframe = plan.Operations.OfType<ReframeOp>().FirstOrDefault() is { Axis: { } axis }
                ? new ReframeSpec(axis, output.Width / (double)output.Height)
                : null,
            Seed = (int)((job.Request.Seed ?? 0) & int.MaxValue),
        };
    }

    /// <summary>One per-plane map for every colour change; null when the plan changes no colours.</summary>
    private static async Task<YuvLook?> ColourAsync(EditPlan plan, EditJob job, CancellationToken ct)
    {
        var look = plan.Operations.OfType<ColourLookOp>().FirstOrDefault();
        var globals = plan.Operations.OfType<GlobalLookOp>().ToList();
        if (look is null && globals.Count == 0)
        {
            return null;
        }
        // The frame pipeline hands ffmpeg RGB frames, which it turns into BT.601 planes; a direct render keeps the
        // file's own planes, whose matrix is guessed from the frame size.
        var (w, h) = job.Video.Info.DisplaySize;
        var matrix = plan.NeedsFramePipeline ? YCbCrMatrix.Bt601 : YCbCrMatrix.ForFrameSize(w, h);
        // The clip's sampler is an ffmpeg process, mostly start-up; the reference image is decoded here meanwhile.
        using var samplerCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var source = look is not null || YuvLook.NeedsClipStatistics(globals)
            ? VideoColourSampler.MeasureAsync(job.Video, matrix, samplerCancel.Token)
            : null;
        PlaneStatistics? target;
        try
        {
            target = look is null
                ? null
                : ReferenceColourSampler.Measure(job.ReferenceImages[look.ReferenceIndex].Path, matrix, $"reference image {look.ReferenceIndex + 1}");
        }
        catch when (source is not null)
        {
            // A bad reference is the error to report; the sampler is stopped, not left running.
            await samplerCancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await source.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or FfmpegException or MediaException)
            {
                // superseded by the reference's error
            }
            throw;
        }
        return YuvLook.Create(look, source is null ? null : await source.ConfigureAwait(false), target, globals);
    }
}
