using System.Globalization;
using Recut.Media.Probing;

namespace Recut.Media.Rules;

/// <summary>
/// API.md §4: the checks a fetched input must pass. Each violation is a <see cref="MediaException"/>
/// whose message states the measured value and the limit. Order: format, size, duration, sides, aspect.
/// </summary>
public static class MediaRules
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void CheckVideo(MediaInfo info, string detectedFormat) => CheckVideo(info, detectedFormat, MediaLimits.Default);

    public static void CheckVideo(MediaInfo info, string detectedFormat, MediaLimits limits)
    {
        ArgumentNullException.ThrowIfNull(info);
        CheckVideoFormat(detectedFormat, limits);
        CheckSize("video", info.SizeBytes, limits.VideoMaxBytes);
        var d = info.DurationSeconds;
        if (d < limits.VideoMinSeconds - limits.DurationToleranceSeconds || d > limits.VideoMaxSeconds + limits.DurationToleranceSeconds)
        {
            throw new MediaException(MediaErrorCodes.FileDuration,
                $"The video is {d.ToString("0.00", Inv)} s long; the allowed duration is {Num(limits.VideoMinSeconds)}-{Num(limits.VideoMaxSeconds)} s.");
        }
        var (w, h) = info.DisplaySize;
        CheckSides("video", w, h, limits.VideoMinSide, limits.VideoMaxSide);
        CheckAspect("video", w, h, limits.MaxAspectRatio);
    }

    /// <summary>The format rule alone: run it before ffprobe ever sees a file that is not mp4/mov.</summary>
    public static void CheckVideoFormat(string detectedFormat, MediaLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!limits.VideoFormats.Contains(detectedFormat))
        {
            throw new MediaException(MediaErrorCodes.FileFormat,
                $"The video is {MediaFormats.Describe(detectedFormat)}; the allowed formats are {List(limits.VideoFormats)}.");
        }
    }

    public static void CheckImage(ImageHeader header) => CheckImage(header, MediaLimits.Default);

    /// <param name="noun">How messages name the image: "reference image 2".</param>
    public static void CheckImage(ImageHeader header, MediaLimits limits, string noun = "reference image")
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(limits);
        if (!limits.ImageFormats.Contains(header.Format))
        {
            throw new MediaException(MediaErrorCodes.FileFormat,
                $"The {noun} is {MediaFormats.Describe(header.Format)}; the allowed formats are {List(limits.ImageFormats)}.");
        }
        CheckSize(noun, header.SizeBytes, limits.ImageMaxBytes);
        CheckSides(noun, header.Width, header.Height, limits.ImageMinSide, limits.ImageMaxSide);
        CheckAspect(noun, header.Width, header.Height, limits.MaxAspectRatio);
        if (header.DecodeProblem is { } problem)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, $"The {noun} cannot be decoded ({problem}).");
        }
    }

    /// <summary>"104857601 bytes (100.00 MB)": bytes too, so a file just over the limit does not read as "100 MB".</summary>
    public static string DescribeBytes(long bytes) =>
        $"{(bytes / (double)MediaLimits.MiB).ToString("0.00", Inv)} MB ({bytes.ToString(Inv)} bytes)";

    /// <summary>"100 MB" for a whole number of MiB, else the exact bytes.</summary>
    public static string DescribeLimit(long bytes) =>
        bytes % MediaLimits.MiB == 0 ? $"{(bytes / MediaLimits.MiB).ToString(Inv)} MB" : $"{bytes.ToString(Inv)} bytes";

    private static void CheckSize(string noun, long bytes, long max)
    {
        if (bytes > max)
        {
            throw new MediaException(MediaErrorCodes.FileSize,
                $"The {noun} is {DescribeBytes(bytes)}; the limit is {DescribeLimit(max)}.");
        }
    }

    private static void CheckSides(string noun, int w, int h, int min, int max)
    {
        if (w < min || h < min || w > max || h > max)
        {
            throw new MediaException(MediaErrorCodes.FileResolution,
                $"The {noun} is {w}x{h} px; each side must be {min}-{max} px.");
        }
    }

    private static void CheckAspect(string noun, int w, int h, double maxRatio)
    {
        // Compare by multiplication: w/h > 8 exactly when w > 8h, with no rounding at the boundary.
        if (w > maxRatio * h || h > maxRatio * w)
        {
            var ratio = w >= h ? $"{((double)w / h).ToString("0.##", Inv)}:1" : $"1:{((double)h / w).ToString("0.##", Inv)}";
            throw new MediaException(MediaErrorCodes.FileAspectRatio,
                $"The {noun}'s aspect ratio is {ratio} ({w}x{h}); it must be between 1:{Num(maxRatio)} and {Num(maxRatio)}:1.");
        }
    }

    private static string Num(double v) => v.ToString("0.##", Inv);

    private static string List(IReadOnlySet<string> formats) =>
        string.Join(", ", formats.Select(f => f.ToUpperInvariant()));
}
