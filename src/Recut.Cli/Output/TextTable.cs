namespace Recut.Cli.Output;

/// <summary>Columns padded to their widest cell under a header row, two spaces apart, as `docker ps` prints them.</summary>
public static class TextTable
{
    public static void Print(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        System.Console.WriteLine(Line(header));
        foreach (var row in rows)
        {
            System.Console.WriteLine(Line(row));
        }
    }
}
