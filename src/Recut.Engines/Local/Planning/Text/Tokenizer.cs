namespace Recut.Engines.Local.Planning.Text;

/// <summary>
/// Cuts the normalised instruction into tokens by script: Latin words, numbers, Chinese words (jieba) and punctuation.
/// A change of script is always a token boundary, so "放到bottom left" reads "放到", "bottom", "left" (a regex \b does
/// not see that boundary, because .NET counts CJK characters as word characters).
/// </summary>
internal static class Tokenizer
{
    private static readonly HashSet<string> KeepPossessive = ["it's", "that's", "what's", "there's", "here's", "let's", "he's", "she's"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch) && i > 0 && IsCjk(text[i - 1]) && NextNonSpace(text, i) is { } after && IsCjk(after))
            {
                // Chinese writers separate clauses with a space ("人物保留彩色 背景黑白"): it is a clause mark there.
                tokens.Add(new Token(",", TokenKind.Punctuation, i, i + 1));
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
                continue;
            }
            if (char.IsWhiteSpace(ch) || ch is '-' or '_' or '(' or ')' or '"' or '[' or ']' or '*' or '~' or '《' or '》' or '「' or '」' or '“' or '”')
            {
                i++; // hyphens join "top-right" and "old-timey" as plain word boundaries; brackets are asides
                continue;
            }
            var start = i;
            if (IsCjk(ch))
            {
                while (i < text.Length && IsCjk(text[i]))
                {
                    i++;
                }
                AddChinese(tokens, text, start, i);
            }
            else if (char.IsAsciiDigit(ch))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }
                // "4k" is one word; "90度" and "image 2" keep the number apart, and so do "3s" and "2x" (a unit after a number).
                if (RatioAfter(text, i) is var ratio and > 0)
                {
                    // "9:16", "1：1", "4/3": one shape, not two numbers and a clause mark.
                    var digits = text[(i + 1)..(i + ratio)];
                    tokens.Add(new Token(text[start..(i + ratio)], TokenKind.Word, start, i + ratio) { Key = $"{text[start..i]}:{digits}" });
                    i += ratio;
                    continue;
                }
                var unit = UnitAfter(text, i);
                if (unit > 0)
                {
                    tokens.Add(new Token(text[start..i], TokenKind.Number, start, i));
                    tokens.Add(new Token(text[i..(i + unit)], TokenKind.Word, i, i + unit) { Key = text[i..(i + unit)].ToLowerInvariant() });
                    i += unit;
                    continue;
                }
                var word = i < text.Length && char.IsAsciiLetter(text[i]) && !IsCjk(text[i]);
                while (word && i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                {
                    i++;
                }
                tokens.Add(new Token(text[start..i], word ? TokenKind.Word : TokenKind.Number, start, i) { Key = text[start..i].ToLowerInvariant() });
            }
            else if (char.IsAsciiLetter(ch))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || (text[i] == '\'' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]))))
                {
                    i++;
                }
                tokens.Add(new Token(text[start..i], TokenKind.Word, start, i) { Key = WordKey(text[start..i]) });
            }
            else
            {
                i++;
                tokens.Add(new Token(text[start..i], TokenKind.Punctuation, start, i));
            }
        }
        return tokens;
    }

    /// <summary>The length of ":16" in "9:16" (a separator and a whole number straight after a whole number), or 0.</summary>
    private static int RatioAfter(string text, int i)
    {
        if (i + 1 >= text.Length || text[i] is not (':' or '：' or '/') || !char.IsAsciiDigit(text[i + 1]) || (i > 0 && text[i - 1] == '.'))
        {
            return 0;
        }
        var end = i + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        return end - i <= 3 && (end == text.Length || text[end] is not ('.' or ':' or '：' or '/')) ? end - i : 0;
    }

    private static readonly string[] Units = ["secs", "sec", "s", "x"];

    /// <summary>The length of a unit written straight after a number ("3s", "2.5sec", "2x"), or 0.</summary>
    private static int UnitAfter(string text, int i)
    {
        foreach (var unit in Units)
        {
            var end = i + unit.Length;
            if (end <= text.Length && text.AsSpan(i, unit.Length).Equals(unit, StringComparison.OrdinalIgnoreCase)
                && (end == text.Length || !char.IsAsciiLetterOrDigit(text[end])))
            {
                return unit.Length;
            }
        }
        return 0;
    }

    /// <summary>
    /// A run of Chinese characters through jieba, except Chinese numerals counting seconds or a multiple (两秒, 三倍),
    /// which become number tokens: jieba would glue them to their unit or to the word before (前三秒).
    /// </summary>
    private static void AddChinese(List<Token> tokens, string text, int start, int end)
    {
        var from = start;
        for (var k = start; k < end; k++)
        {
            var n = ChineseNumerals.RunAt(text, k, end);
            if (n == 0 || k + n >= end || text[k + n] is not ('秒' or '倍'))
            {
                continue;
            }
            Segment(tokens, text, from, k);
            tokens.Add(new Token(text[k..(k + n)], TokenKind.Number, k, k + n) { Key = ChineseNumerals.Value(text[k..(k + n)]) });
            from = k + n;
            k += n - 1;
        }
        Segment(tokens, text, from, end);
    }

    private static void Segment(List<Token> tokens, string text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }
        foreach (var (word, offset) in ChineseSegmenter.Segment(text[start..end]))
        {
            tokens.Add(new Token(word, TokenKind.Cjk, start + offset, start + offset + word.Length));
        }
    }

    private static string WordKey(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.EndsWith("'s", StringComparison.Ordinal) && !KeepPossessive.Contains(lower))
        {
            return lower[..^2];
        }
        return lower.EndsWith("s'", StringComparison.Ordinal) ? lower[..^1] : lower;
    }

    private static char? NextNonSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i < text.Length ? text[i] : null;
    }

    public static bool IsCjk(char ch) => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
