using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>Renders a plan without frame operations: one supervised ffmpeg, progress from its <c>out_time</c>.</summary>
public static class DirectRenderer
{
    public static Task RenderAsync(string videoPath, RenderSpec spec, string outputPath, ProgressTracker progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(progress);
        var args = FilterGraphBuilder.DirectArguments(videoPath, spec, outputPath);
        return ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            OnProgress = t => progress.Report(t.TotalSeconds / spec.DurationSeconds),
        }, ct);
    }
}
