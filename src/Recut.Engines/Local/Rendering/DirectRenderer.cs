using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>Renders a plan without frame operations: one supervised ffmpeg, progress from its <c>out_time</c>.</summary>
public static class DirectRenderer
{
    /// <summary>Renders an MP4/MOV file Recut made or checked itself (benches, tests).</summary>
    public static Task RenderAsync(string videoPath, RenderSpec spec, string outputPath, ProgressTracker progress, CancellationToken ct) =>
        RenderAsync(LocalMedia.Mp4File(videoPath), spec, outputPath, progress, ct);

    public static Task RenderAsync(LocalMedia video, RenderSpec spec, string outputPath, ProgressTracker progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(progress);
        var args = FilterGraphBuilder.DirectArguments(video, spec, outputPath);
        return ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath)),
            OnProgress = t => progress.Report(t.TotalSeconds / spec.DurationSeconds),
        }, ct);
    }
}
