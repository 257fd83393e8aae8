using System.Text;
using Recut.Media.Processes;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// Finds a font with Chinese glyphs for the "AI生成" watermark: fontconfig's choice for <c>sans:lang=zh-cn</c>, checked to
/// really cover zh-cn (fontconfig falls back to a Latin font otherwise), else well-known Debian paths. Resolved once.
/// </summary>
public static class CjkFontLocator
{
    private static readonly string[] KnownPaths =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _cached;

    public static async Task<string> FindAsync(CancellationToken ct)
    {
        if (_cached is { } known)
        {
            return known;
        }
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _cached ??= await AskFontconfigAsync(ct).ConfigureAwait(false)
                ?? KnownPaths.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException(
                    "No font with Chinese glyphs is installed for the watermark (install fonts-noto-cjk).");
            return _cached;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string?> AskFontconfigAsync(CancellationToken ct)
    {
        using var output = new MemoryStream();
        try
        {
            await new ProcessRunner("fc-match").RunAsync(["-f", "%{file}\n%{lang}", "sans:lang=zh-cn"], new ProcessRunOptions
            {
                Timeout = TimeSpan.FromSeconds(20),
                ReadStdout = (s, t) => s.CopyToAsync(output, t),
            }, ct).ConfigureAwait(false);
        }
        catch (FfmpegException)
        {
            return null; // fontconfig missing or failing: fall back to the known paths
        }
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        var file = lines[0].Trim();
        var coversChinese = lines.Length > 1 && lines[1].Split('|').Contains("zh-cn", StringComparer.OrdinalIgnoreCase);
        return coversChinese && File.Exists(file) ? file : null;
    }
}
