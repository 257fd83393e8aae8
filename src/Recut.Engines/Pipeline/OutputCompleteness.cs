using System.Globalization;
using Recut.Media;
using Recut.Media.Probing;
using Recut.Protocol.Requests;

namespace Recut.Engines.Pipeline;

/// <summary>
/// A damaged input can have a header that promises 10 s while only 2 s decode; ffmpeg then writes a short video
/// and exits 0. A short result is not the edit the client asked for, so it fails the task instead of succeeding.
/// The yardstick is the length the engine planned from that header when it says so (time edits), else the request's.
/// </summary>
public static class OutputCompleteness
{
    /// <summary>Two frames at 30 fps, or 5 % of the expected length, whichever is larger.</summary>
    public static double Tolerance(double expectedSeconds) => Math.Max(2 / 30.0, expectedSeconds * 0.05);

    public static double ExpectedSeconds(EditRequest request, MediaInfo video)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(video);
        return request.Duration > 0 ? Math.Min(request.Duration, video.DurationSeconds) : video.DurationSeconds;
    }

    public static void Ensure(EditRequest request, MediaInfo video, EditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A time edit plans its own length (2× of 10 s is 5 s); the header's length is what it planned from.
        var expected = result.PlannedOutputDuration ?? ExpectedSeconds(request, video);
        if (result.OutputVideoDuration < expected - Tolerance(expected))
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, string.Create(CultureInfo.InvariantCulture,
                $"The video could only be decoded up to {result.OutputVideoDuration:0.00} s of the {expected:0.00} s its header announces; the file is truncated or damaged."));
        }
    }
}
