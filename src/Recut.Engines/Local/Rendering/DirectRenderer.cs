using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>Renders a plan without frame operations: one supervised ffmpeg, progress from its <c>out_time</c>.</summary>
public static class DirectRenderer
{
    /// <summary>Renders an MP4/MOV file Recut made or checked itself (benches, tests).</summary>
    public static Task<FfmpegProgress?> RenderAsync(string videoPath, RenderSpec spec, string outputPath, ProgressTracker progress, CancellationToken ct) =>
        RenderAsync(LocalMedia.Mp4File(videoPath), spec, outputPath, progress, ct);

    /// <returns>The encoder's last <c>-progress</c> report (frames written, whether it ended normally); null if it sent none.</returns>
    public static async Task<FfmpegProgress?> RenderAsync(LocalMedia video, RenderSpec spec, string outputPath, ProgressTracker progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(progress);
        var args = FilterGraphBuilder.DirectArguments(video, spec, outputPath);
        FfmpegProgress? last = null;
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath)),
            OnProgress = t => progress.Report(t.TotalSeconds / spec.DurationSeconds),
            OnProgressReport = p => last = p,
        }, ct).ConfigureAwait(false);
        return last;
    }
}
