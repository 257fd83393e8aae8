using System.Globalization;
using System.Text.Json;

namespace Recut.Media.Probing;

/// <summary>
/// Turns ffprobe's <c>-show_format -show_streams</c> JSON into <see cref="MediaInfo"/>. Kept apart
/// from the process so it can be tested on recorded real output.
/// </summary>
public static class FfprobeJsonParser
{
    /// <param name="json">ffprobe output.</param>
    /// <param name="sizeBytes">The file's size as the caller measured it; 0 or less means "use format.size".</param>
    /// <exception cref="MediaException">InvalidFile.Openerror when the JSON has no usable video stream.</exception>
    public static MediaInfo Parse(string json, long sizeBytes)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MediaException(MediaErrorCodes.FileOpenError, "The file could not be read (the media prober returned unreadable output).", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            var format = root.TryGetProperty("format", out var f) ? f : default;
            var streams = root.TryGetProperty("streams", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().ToList()
                : [];
            var video = streams.FirstOrDefault(IsVideo);
            if (video.ValueKind != JsonValueKind.Object)
            {
                throw new MediaException(MediaErrorCodes.FileOpenError, "The file contains no video stream.");
            }
            var width = Int(video, "width") ?? 0;
            var height = Int(video, "height") ?? 0;
            if (width <= 0 || height <= 0)
            {
                throw new MediaException(MediaErrorCodes.FileOpenError, "The file's video stream has no picture size.");
            }
            return new MediaInfo
            {
                FormatName = Str(format, "format_name") ?? "unknown",
                Width = width,
                Height = height,
                DurationSeconds = Double(format, "duration") ?? Double(video, "duration") ?? 0,
                FrameRate = Rate(Str(video, "avg_frame_rate")) is > 0 and var avg ? avg : Rate(Str(video, "r_frame_rate")),
                FrameCount = Long(video, "nb_frames") is > 0 and var n ? n : null,
                VideoCodec = Str(video, "codec_name"),
                HasAudio = streams.Any(x => Str(x, "codec_type") == "audio"),
                SizeBytes = sizeBytes > 0 ? sizeBytes : Long(format, "size") ?? 0,
                Rotation = Rotation(video),
            };
        }
    }

    /// <summary>A video stream that is real picture content, not an attached cover image.</summary>
    private static bool IsVideo(JsonElement stream) =>
        Str(stream, "codec_type") == "video"
        && !(stream.TryGetProperty("disposition", out var d) && Int(d, "attached_pic") == 1);

    /// <summary>
    /// Clockwise display rotation. The display matrix side data reports counter-clockwise degrees
    /// (-90 for a portrait phone clip); the older "rotate" tag reports clockwise degrees.
    /// </summary>
    private static int Rotation(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (Double(item, "rotation") is { } ccw)
                {
                    return Normalise(-ccw);
                }
            }
        }
        if (video.TryGetProperty("tags", out var tags) && Double(tags, "rotate") is { } cw)
        {
            return Normalise(cw);
        }
        return 0;
    }

    private static int Normalise(double degrees)
    {
        var quarter = (int)Math.Round(degrees / 90.0, MidpointRounding.AwayFromZero);
        return ((quarter % 4) + 4) % 4 * 90;
    }

    /// <summary>"30000/1001" → 29.97; "0/0" or garbage → 0.</summary>
    internal static double Rate(string? fraction)
    {
        if (string.IsNullOrEmpty(fraction))
        {
            return 0;
        }
        var parts = fraction.Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var den)
            && den > 0)
        {
            return num / den;
        }
        return double.TryParse(fraction, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    // ffprobe writes some numbers as strings ("duration": "2.000000", "nb_frames": "60") and others as numbers.
    private static double? Double(JsonElement obj, string name) =>
        double.TryParse(Str(obj, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    private static long? Long(JsonElement obj, string name) =>
        long.TryParse(Str(obj, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;

    private static int? Int(JsonElement obj, string name) =>
        int.TryParse(Str(obj, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
