using Recut.Protocol.Responses;

namespace Recut.Protocol.Tests.Responses;

public class WireTimeTests
{
    [Fact]
    public void Formats_in_utc_by_default_with_milliseconds()
    {
        var time = new DateTimeOffset(2026, 4, 3, 8, 8, 3, 576, TimeSpan.FromHours(8));
        Assert.Equal("2026-04-03 00:08:03.576", WireTime.Format(time));
    }

    [Fact]
    public void Formats_zero_padded()
    {
        Assert.Equal("2026-01-02 03:04:05.006", WireTime.Format(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero)));
    }

    [Fact]
    public void Formats_in_a_configured_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var time = new DateTimeOffset(2026, 4, 3, 0, 8, 3, 576, TimeSpan.Zero);
        Assert.Equal("2026-04-03 08:08:03.576", WireTime.Format(time, shanghai));
    }

    [Fact]
    public void Parses_compact_filter_times_as_utc_by_default()
    {
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 0, 8, 3, TimeSpan.Zero), WireTime.ParseCompact("20260403000803"));
    }

    [Fact]
    public void Parses_compact_filter_times_in_a_configured_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var time = WireTime.ParseCompact("20260403080803", shanghai);
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 0, 8, 3, TimeSpan.Zero), time.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(8), time.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026040300080")]
    [InlineData("202604030008031")]
    [InlineData("2026-04-03 00:08")]
    [InlineData("20261303000803")]
    [InlineData("20260230000803")]
    [InlineData("20260403250803")]
    [InlineData("2026040300080x")]
    [InlineData(" 20260403000803")]
    public void Rejects_malformed_compact_times(string text)
    {
        Assert.False(WireTime.TryParseCompact(text, out _));
        Assert.Throws<FormatException>(() => WireTime.ParseCompact(text));
    }

    [Fact]
    public void Rejects_null() => Assert.False(WireTime.TryParseCompact(null, out _));

    [Fact]
    public void Rejects_a_wall_clock_time_skipped_by_daylight_saving()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.False(WireTime.TryParseCompact("20260329023000", out _, berlin));
        Assert.True(WireTime.TryParseCompact("20260329013000", out _, berlin));
    }

    [Fact]
    public void Format_and_parse_agree_to_the_second()
    {
        var time = new DateTimeOffset(2026, 7, 14, 23, 59, 58, TimeSpan.Zero);
        var compact = time.ToString(WireTime.CompactFormat, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(time, WireTime.ParseCompact(compact));
    }
}
