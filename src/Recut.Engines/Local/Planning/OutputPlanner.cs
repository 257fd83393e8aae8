using Recut.Engines.Local.Plan;
using Recut.Media.Probing;
using Recut.Protocol.Requests;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// The output decisions of API.md §4: size from resolution and ratio (the nearest listed ratio to the displayed input
/// when none is given), 30 fps, the requested cut but never longer than the input, and the source audio whenever it
/// exists — for "origin" and for "auto" alike, because the local engine does not synthesise sound.
/// </summary>
public static class OutputPlanner
{
    public static OutputPlan Decide(EditRequest request, MediaInfo video)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(video);
        var (width, height) = video.DisplaySize;
        var ratio = request.Ratio ?? OutputSize.NearestRatio(width, height);
        var (w, h) = OutputSize.For(request.Resolution, ratio);
        var input = video.DurationSeconds;
        var duration = request.Duration > 0 && (input <= 0 || request.Duration < input) ? request.Duration : input;
        return new OutputPlan
        {
            Width = w,
            Height = h,
            Ratio = ratio,
            Resolution = request.Resolution,
            DurationSeconds = duration,
            InputDurationSeconds = input,
            KeepAudio = video.HasAudio,
            SourceHasAudio = video.HasAudio,
            Watermark = request.Watermark,
        };
    }
}
