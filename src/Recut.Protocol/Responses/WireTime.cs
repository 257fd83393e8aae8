using System.Globalization;

namespace Recut.Protocol.Responses;

/// <summary>The two time formats of the wire: query answers and list filters (API.md §5, §6).</summary>
public static class WireTime
{
    public const string DisplayFormat = "yyyy-MM-dd HH:mm:ss.fff";
    public const string CompactFormat = "yyyyMMddHHmmss";

    /// <summary>"2026-04-03 00:08:03.576" in <paramref name="zone"/> (UTC when null). The string carries no
    /// offset, as upstream's does not, so the zone is a deployment setting.</summary>
    public static string Format(DateTimeOffset time, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(time, zone ?? TimeZoneInfo.Utc).ToString(DisplayFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a list filter "YYYYMMDDhhmmss" as a wall-clock time in <paramref name="zone"/> (UTC when null).</summary>
    public static bool TryParseCompact(string? text, out DateTimeOffset time, TimeZoneInfo? zone = null)
    {
        time = default;
        if (text is null || text.Length != CompactFormat.Length ||
            !DateTime.TryParseExact(text, CompactFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        zone ??= TimeZoneInfo.Utc;
        // A wall-clock time skipped by a DST jump does not exist in that zone: refuse it rather than guess.
        if (zone.IsInvalidTime(local))
        {
            return false;
        }
        time = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    /// <summary>Like <see cref="TryParseCompact"/>, throwing <see cref="FormatException"/> on bad input.</summary>
    public static DateTimeOffset ParseCompact(string text, TimeZoneInfo? zone = null) =>
        TryParseCompact(text, out var time, zone)
            ? time
            : throw new FormatException($"'{text}' is not a {CompactFormat} time");
}
