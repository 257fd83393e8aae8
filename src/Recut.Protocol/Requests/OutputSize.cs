namespace Recut.Protocol.Requests;

/// <summary>The output frame size table of API.md §4, and the nearest-ratio rule for an absent <c>ratio</c>.</summary>
public static class OutputSize
{
    public static readonly IReadOnlyList<string> Ratios = ["16:9", "9:16", "1:1", "4:3", "3:4"];
    public static readonly IReadOnlyList<string> Resolutions = ["720P", "1080P"];

    public static (int Width, int Height) For(string resolution, string ratio) => (resolution, ratio) switch
    {
        ("720P", "16:9") => (1280, 720),
        ("720P", "9:16") => (720, 1280),
        ("720P", "1:1") => (960, 960),
        ("720P", "4:3") => (1104, 832),
        ("720P", "3:4") => (832, 1104),
        ("1080P", "16:9") => (1920, 1080),
        ("1080P", "9:16") => (1080, 1920),
        ("1080P", "1:1") => (1440, 1440),
        ("1080P", "4:3") => (1648, 1248),
        ("1080P", "3:4") => (1248, 1648),
        _ => throw new ArgumentOutOfRangeException(nameof(ratio), $"no output size for {resolution} {ratio}"),
    };

    /// <summary>The listed ratio nearest to width:height, compared on a log scale so 9:16 and 16:9 are symmetric.</summary>
    public static string NearestRatio(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var target = Math.Log((double)width / height);
        return Ratios.MinBy(r => Math.Abs(Math.Log(Parse(r)) - target))!;
    }

    /// <summary>720 or 1080, the <c>SR</c> figure of usage.</summary>
    public static int ShortLabel(string resolution) => resolution == "1080P" ? 1080 : 720;

    private static double Parse(string ratio)
    {
        var parts = ratio.Split(':');
        return double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)
             / double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
