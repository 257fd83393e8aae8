using System.Globalization;
using System.Text;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// Titles as drawtext filters. The words never enter the filter graph: they are written to a file of Recut's own
/// naming and drawn with <c>textfile=</c> and <c>expansion=none</c>, so quotes, colons, backslashes, brackets and
/// <c>%{…}</c> are just characters. Only the file's path (Recut's) is escaped into the graph.
/// </summary>
public static class TitleFilters
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The fade of the text itself: half a second in and out.</summary>
    public const double FadeSeconds = 0.5;

    /// <summary>The smallest size the text is drawn at; a longer text is refused rather than shrunk past it.</summary>
    public const int MinFontSize = 16;

    public static async Task<TitleLayer> PrepareAsync(TitleOp title, int index, int width, int height, string workDirectory, string fontPath,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(title);
        var size = FontSize(title.Text, width, height);
        if (size < MinFontSize)
        {
            throw Planning.Capabilities.Error(
                $"The text \"{title.Text}\" does not fit one line of a {width}×{height} frame at a readable size; shorten it.");
        }
        var file = Path.Combine(workDirectory, $"title-{index + 1}.txt");
        await File.WriteAllTextAsync(file, title.Text, new UTF8Encoding(false), ct).ConfigureAwait(false);
        return new TitleLayer(file, fontPath, title.Anchor, size);
    }

    /// <summary>7% of the frame height, smaller when the line would leave the safe area (90% of the width).</summary>
    public static int FontSize(string text, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Advance widths in em: CJK and full-width glyphs are square, Latin text averages a little over half.
        var ems = text.Sum(ch => ch > '\u2E7F' ? 1.0 : 0.62);
        var fit = ems == 0 ? height : width * 0.9 / ems;
        return (int)Math.Floor(Math.Min(height * 0.07, fit));
    }

    public static string Filter(TitleLayer title, RenderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(spec);
        // Title-safe margins: 5% of the width, 6% of the height; bottom text clears the watermark's line.
        var mx = (int)Math.Round(spec.Width * 0.05);
        var my = (int)Math.Round(spec.Height * 0.06);
        var bottom = my + (spec.WatermarkFontPath is not null ? FilterGraphBuilder.WatermarkFontSize(spec) * 2 : 0);
        var x = title.Anchor.Column() switch { < 0 => $"{mx}", 0 => "(w-tw)/2", _ => $"w-tw-{mx}" };
        var y = title.Anchor.Row() switch { < 0 => $"{my}", 0 => "(h-th)/2", _ => $"h-th-{bottom}" };
        var d = spec.DurationSeconds;
        var f = Math.Min(FadeSeconds, d / 4);
        var alpha = string.Create(Inv, $"if(lt(t,{f:0.###}),t/{f:0.###},if(gt(t,{d - f:0.###}),max(0,({d:0.###}-t)/{f:0.###}),1))");
        var border = Math.Max(2, title.FontSize / 12);
        return string.Create(Inv,
            $"drawtext=fontfile={FilterEscaping.Quote(title.FontPath)}:textfile={FilterEscaping.Quote(title.TextFile)}:expansion=none"
            + $":fontsize={title.FontSize}:fontcolor=white:borderw={border}:bordercolor=black@0.75:x={x}:y={y}:alpha={FilterEscaping.Quote(alpha)}");
    }
}
