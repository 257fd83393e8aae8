using System.Globalization;
using System.Text;

namespace Recut.Engines.Tests.Planning.Corpus;

/// <summary>Counts per category and half: right, wrong edit, wrongly refused, and impossible edits refused.</summary>
public static class CorpusReport
{
    public sealed record Counts(int Rows, int Right, int WrongEdits, int WronglyRefused, int RefuseRows, int Refused)
    {
        public double RightShare => Rows == 0 ? 1 : (double)Right / Rows;
        public double RefusedShare => RefuseRows == 0 ? 1 : (double)Refused / RefuseRows;
    }

    public static Counts Count(IEnumerable<CorpusResult> results)
    {
        var list = results.ToList();
        var refuseRows = list.Where(r => r.Row.ExpectsRefusal).ToList();
        return new Counts(list.Count, list.Count(r => r.Verdict == Verdict.Right), list.Count(r => r.Verdict == Verdict.WrongEdit),
            list.Count(r => r.Verdict == Verdict.WronglyRefused), refuseRows.Count, refuseRows.Count(r => r.Actual == "refuse"));
    }

    public static string Table(IReadOnlyList<CorpusResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| category | half | rows | right | wrong edit | wrongly refused | impossible refused |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Row.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var held in new[] { false, true })
            {
                Line(sb, group.Key, held ? "held" : "tune", Count(group.Where(r => r.Row.Held == held)));
            }
        }
        Line(sb, "**all**", "tune", Count(results.Where(r => !r.Row.Held)));
        Line(sb, "**all**", "held", Count(results.Where(r => r.Row.Held)));
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string category, string half, Counts c) =>
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {category} | {half} | {c.Rows} | {c.Right} ({c.RightShare:P1}) | {c.WrongEdits} | {c.WronglyRefused} | {c.Refused}/{c.RefuseRows} |"));
}
