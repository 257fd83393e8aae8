namespace Recut.Engines.Local.Planning.Text;

/// <summary>
/// Reads a misspelt word as a known one, and says so in the plan. English: one edit (insertion, deletion, substitution
/// or swap of neighbours; two for words of nine letters or more) from a known word of at least five letters that
/// starts with the same letter — so "bakground", "blak", "brigther" are read, while "older" never becomes "colder"
/// nor "right" "bright" (a differing first letter is more often another word than a typo). Chinese typos are
/// homophones, which an edit distance cannot tell from other words, so they come from a fixed list.
/// </summary>
internal static class Spelling
{
    /// <summary>Common homophone slips in edit instructions (pinyin-input errors), wrong → right.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChineseSlips = new Dictionary<string, string>
    {
        ["模湖"] = "模糊", ["膜糊"] = "模糊", ["摸糊"] = "模糊", ["虚话"] = "虚化", ["需化"] = "虚化", ["饱合度"] = "饱和度",
        ["包和度"] = "饱和度", ["保和度"] = "饱和度", ["对比读"] = "对比度", ["对必度"] = "对比度", ["亮读"] = "亮度",
        ["黑百"] = "黑白", ["黑柏"] = "黑白", ["背静"] = "背景", ["被景"] = "背景", ["北京换"] = "背景换", ["复故"] = "复古",
        ["镜象"] = "镜像", ["色掉"] = "色调", ["色条"] = "色调", ["右上脚"] = "右上角", ["左上脚"] = "左上角",
        ["右下脚"] = "右下角", ["左下脚"] = "左下角", ["标制"] = "标志", ["水映"] = "水印", ["暖色掉"] = "暖色调",
        ["冷色掉"] = "冷色调", ["怀久"] = "怀旧", ["参考途"] = "参考图",
    };

    public static string? CorrectEnglish(string word, IReadOnlyCollection<string> known)
    {
        if (word.Length < 4 || !word.All(char.IsAsciiLetterLower))
        {
            return null;
        }
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate.Length < 5 || candidate[0] != word[0] || Math.Abs(candidate.Length - word.Length) > 2)
            {
                continue;
            }
            var allowed = candidate.Length >= 9 ? 2 : 1;
            var d = Distance(word, candidate, allowed);
            if (d <= allowed && d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
            else if (d == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0)
            {
                best = candidate; // ties broken alphabetically so a reading never depends on dictionary order
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein without repeated edits), cut off above <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }
                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
        }
        return d[a.Length, b.Length];
    }
}
