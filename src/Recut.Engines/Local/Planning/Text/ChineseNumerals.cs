using System.Globalization;

namespace Recut.Engines.Local.Planning.Text;

/// <summary>Chinese numerals as counts of seconds or multiples: 两 → 2, 十五 → 15, 二十 → 20, 半 → 0.5.</summary>
internal static class ChineseNumerals
{
    private const string Digits = "零一二两三四五六七八九";

    /// <summary>How many numeral characters start at <paramref name="k"/> (at most up to <paramref name="end"/>).</summary>
    public static int RunAt(string text, int k, int end)
    {
        var n = 0;
        while (k + n < end && (Digits.Contains(text[k + n], StringComparison.Ordinal) || text[k + n] is '十' or '半'))
        {
            n++;
        }
        return n;
    }

    /// <summary>The run's value in invariant digits ("2", "15", "0.5"); "0" for what is not a plain count.</summary>
    public static string Value(string run)
    {
        if (run == "半")
        {
            return "0.5";
        }
        var total = 0;
        var current = 0;
        foreach (var ch in run)
        {
            if (ch == '十')
            {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else if (ch == '半')
            {
                return "0";
            }
            else
            {
                current = ch == '两' ? 2 : Digits.IndexOf(ch, StringComparison.Ordinal) - (Digits.IndexOf(ch, StringComparison.Ordinal) > 2 ? 1 : 0);
            }
        }
        return (total + current).ToString(CultureInfo.InvariantCulture);
    }
}
