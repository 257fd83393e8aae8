using Recut.Engines.Local.Colour;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Rendering;

/// <summary>Resolves a plan's filter operations into a <see cref="RenderSpec"/>: measures colours, writes the LUT, finds the font.</summary>
public static class RenderSpecFactory
{
    public const string LutFileName = "look.cube";

    public static async Task<RenderSpec> CreateAsync(EditPlan plan, EditJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(job);
        var output = plan.Output;
        return new RenderSpec
        {
            Width = output.Width,
            Height = output.Height,
            DurationSeconds = output.DurationSeconds,
            LutPath = await WriteLutAsync(plan, job, ct).ConfigureAwait(false),
            BlurSigma = plan.Operations.OfType<BlurOp>().FirstOrDefault()?.SigmaFor(output.Height),
            Mirror = plan.Operations.OfType<MirrorOp>().Any(),
            Overlays = plan.Operations.OfType<OverlayOp>()
                .Select(o => new OverlayLayer(job.ReferenceImages[o.ReferenceIndex].Path, o.Anchor, o.Scale))
                .ToList(),
            WatermarkFontPath = output.Watermark ? await CjkFontLocator.FindAsync(ct).ConfigureAwait(false) : null,
            KeepAudio = output.KeepAudio,
        };
    }

    /// <summary>One LUT for every colour change; null when the plan changes no colours.</summary>
    private static async Task<string?> WriteLutAsync(EditPlan plan, EditJob job, CancellationToken ct)
    {
        var look = plan.Operations.OfType<ColourLookOp>().FirstOrDefault();
        var globals = plan.Operations.OfType<GlobalLookOp>().ToList();
        if (look is null && globals.Count == 0)
        {
            return null;
        }
        LabStatistics? source = null, target = null;
        if (look is not null)
        {
            target = ImageLabSampler.Measure(job.ReferenceImages[look.ReferenceIndex].Path);
            source = await VideoLabSampler.MeasureAsync(job.Video.Path, job.Video.Info, ct).ConfigureAwait(false);
        }
        var transform = ColourTransform.Create(look, source, target, globals);
        var path = Path.Combine(job.WorkDirectory, LutFileName);
        await LutBuilder.WriteAsync(path, transform, ct).ConfigureAwait(false);
        return path;
    }
}
