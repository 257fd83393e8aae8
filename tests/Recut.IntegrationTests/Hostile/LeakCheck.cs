using System.Text.RegularExpressions;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// What a caller reads (task messages, error bodies) must not show the server's insides: no paths, no file: URLs, no
/// exception or stack-trace text, no ffmpeg or ffprobe phrases. Values the caller sent may be echoed back.
/// </summary>
public static partial class LeakCheck
{
    private static readonly string[] Phrases =
    [
        "file:", "Exception", ".cs:line", "   at ", "ffmpeg", "ffprobe", "Invalid data found", "moov atom", "[mov", "[dash",
        "[hls", "[concat", "[sdp", "demuxer", "Stream #", "Error while", "Conversion failed", "No such file", "Permission denied",
        "avformat", "prober returned", "decoder said", "(Parameter '",
    ];

    /// <summary>Fails with the offending text when <paramref name="text"/> leaks; <paramref name="callerSent"/> may be echoed.</summary>
    public static void AssertClean(string? text, string context, params string[] callerSent)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        var scanned = text;
        foreach (var value in callerSent.Where(v => v.Length >= 4).OrderByDescending(v => v.Length))
        {
            scanned = scanned.Replace(value, "«echo»", StringComparison.Ordinal);
        }
        foreach (var phrase in Phrases)
        {
            Assert.False(scanned.Contains(phrase, StringComparison.OrdinalIgnoreCase), $"{context}: the caller reads \"{phrase}\" in: {text}");
        }
        Assert.False(AbsolutePath().IsMatch(scanned), $"{context}: the caller reads a server path in: {text}");
    }

    /// <summary>The JSON string values of a request body, which the server may quote back to its sender.</summary>
    public static string[] StringsOf(string jsonText) =>
        JsonString().Matches(jsonText).Select(m => Regex.Unescape(m.Groups[1].Value)).ToArray();

    [GeneratedRegex(@"(?<![\w.:/])/(tmp|work|var|home|root|etc|usr|proc|opt|srv|mnt|data)(/|\b)")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex JsonString();
}
