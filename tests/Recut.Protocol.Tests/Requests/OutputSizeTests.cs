using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class OutputSizeTests
{
    [Theory]
    [InlineData("720P", "16:9", 1280, 720)]
    [InlineData("720P", "9:16", 720, 1280)]
    [InlineData("720P", "1:1", 960, 960)]
    [InlineData("720P", "4:3", 1104, 832)]
    [InlineData("720P", "3:4", 832, 1104)]
    [InlineData("1080P", "16:9", 1920, 1080)]
    [InlineData("1080P", "9:16", 1080, 1920)]
    [InlineData("1080P", "1:1", 1440, 1440)]
    [InlineData("1080P", "4:3", 1648, 1248)]
    [InlineData("1080P", "3:4", 1248, 1648)]
    public void Table_matches_the_contract(string resolution, string ratio, int width, int height)
    {
        Assert.Equal((width, height), OutputSize.For(resolution, ratio));
        // Encoders need even sizes (yuv420p).
        Assert.Equal(0, width % 2);
        Assert.Equal(0, height % 2);
    }

    [Theory]
    [InlineData("4K", "16:9")]
    [InlineData("720P", "2:1")]
    [InlineData("720p", "16:9")]
    public void Unlisted_combination_throws(string resolution, string ratio) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputSize.For(resolution, ratio));

    [Theory]
    [InlineData(1920, 1080, "16:9")]
    [InlineData(1080, 1920, "9:16")]
    [InlineData(640, 480, "4:3")]
    [InlineData(480, 640, "3:4")]
    [InlineData(500, 500, "1:1")]
    [InlineData(320, 240, "4:3")]
    [InlineData(3840, 1080, "16:9")]   // wider than anything listed: the widest
    [InlineData(240, 1920, "9:16")]    // taller than anything listed: the tallest
    [InlineData(1100, 1000, "1:1")]
    [InlineData(1400, 1000, "4:3")]    // 1.4 is nearer 4:3 (1.333) than 16:9 (1.778) on a log scale
    [InlineData(1600, 1000, "16:9")]   // 1.6: log distance to 16:9 is smaller than to 4:3
    public void Nearest_ratio_picks_the_closest_listed_ratio(int width, int height, string expected) =>
        Assert.Equal(expected, OutputSize.NearestRatio(width, height));

    [Fact]
    public void Nearest_ratio_is_symmetric_for_portrait_and_landscape()
    {
        foreach (var (w, h) in new[] { (1920, 1080), (640, 480), (1000, 900), (1500, 1000) })
        {
            var landscape = OutputSize.NearestRatio(w, h);
            var portrait = OutputSize.NearestRatio(h, w);
            var flipped = string.Join(':', landscape.Split(':').Reverse());
            Assert.Equal(flipped, portrait);
        }
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 0)]
    [InlineData(-1, 100)]
    public void Nearest_ratio_rejects_empty_sizes(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputSize.NearestRatio(width, height));

    [Theory]
    [InlineData("720P", 720)]
    [InlineData("1080P", 1080)]
    public void Short_label_is_the_sr_figure(string resolution, int sr) =>
        Assert.Equal(sr, OutputSize.ShortLabel(resolution));
}
