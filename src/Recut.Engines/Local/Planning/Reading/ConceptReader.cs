using System.Globalization;
using Recut.Engines.Local.Planning.Lexicon;
using Recut.Engines.Local.Planning.Text;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Turns tokens into concept items: the longest lexicon phrase at each position (English phrases over words, Chinese
/// over whole jieba tokens, so a phrase never starts or ends inside a word), misspellings read as the word they
/// resemble, and reference mentions joined to their number ("image 2", "图2", "the second picture").
/// </summary>
internal static class ConceptReader
{
    public static List<Item> Read(string text, List<string> notes) => Read(text, [], notes);

    /// <summary>Reads the masked instruction; each quoted span becomes one <see cref="Cat.Quoted"/> item holding its words.</summary>
    public static List<Item> Read(string text, IReadOnlyList<Quote> quotes, List<string> notes)
    {
        var fixedText = FixChineseSlips(text, notes);
        var tokens = Tokenizer.Tokenize(fixedText).Select(t => Respell(t, notes)).ToList();
        var items = new List<Item>();
        var i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.Text[0] == QuotedText.Mask)
            {
                var quote = quotes.First(q => q.Start <= t.Start && t.Start < q.End);
                items.Add(new Item(new Sense(Cat.Quoted), quote.Content, quote.Start, quote.End));
                while (i < tokens.Count && tokens[i].Start < quote.End)
                {
                    i++;
                }
                continue;
            }
            if (t.Kind == TokenKind.Cjk)
            {
                i = ReadChinese(tokens, i, items);
            }
            else if (t.Kind == TokenKind.Number)
            {
                items.Add(ReadNumber(t, tokens, ref i));
            }
            else
            {
                i = ReadEnglish(tokens, i, items);
            }
        }
        ChineseOrdinals(items);
        JoinReferenceNumbers(items);
        SecondsAfterNumbers(items);
        return items;
    }

    /// <summary>
    /// A word the lexicon does not have is read as the known word it is one slip away from, before phrases are
    /// matched, so "blak and white" is the phrase "black and white".
    /// </summary>
    private static Token Respell(Token token, List<string> notes)
    {
        if (token.Kind != TokenKind.Word || ConceptLexicon.EnglishWords.Contains(token.Key))
        {
            return token;
        }
        if (Spelling.CorrectEnglish(token.Key, ConceptLexicon.SpellingTargets) is not { } known)
        {
            return token;
        }
        notes.Add($"read \"{token.Text}\" as \"{known}\"");
        return token with { Key = known };
    }

    private static int ReadEnglish(List<Token> tokens, int i, List<Item> items)
    {
        for (var n = Math.Min(ConceptLexicon.MaxEnglishWords, tokens.Count - i); n >= 1; n--)
        {
            var span = tokens.GetRange(i, n);
            if (span.Any(t => t.Kind == TokenKind.Cjk) || (n > 1 && span.Any(t => t.Kind == TokenKind.Punctuation && t.Text != "&" && t.Text != "/")))
            {
                continue;
            }
            if (ConceptLexicon.EnglishPhrase(string.Join(' ', span.Select(t => t.Key))) is { } sense)
            {
                items.Add(new Item(sense, Surface(span), span[0].Start, span[^1].End) { Number = sense.Value });
                return i + n;
            }
        }
        var token = tokens[i];
        if (token.Kind == TokenKind.Punctuation)
        {
            items.Add(new Item(new Sense(IsClauseMark(token.Text) ? Cat.Punctuation : Cat.Filler), token.Text, token.Start, token.End));
        }
        else
        {
            items.Add(new Item(new Sense(Cat.Unknown), token.Text, token.Start, token.End));
        }
        return i + 1;
    }

    /// <summary>Longest run of whole jieba tokens that is a lexicon entry; an unknown token is searched inside.</summary>
    private static int ReadChinese(List<Token> tokens, int i, List<Item> items)
    {
        for (var n = Math.Min(5, tokens.Count - i); n >= 1; n--)
        {
            var span = tokens.GetRange(i, n);
            if (span.Any(t => t.Kind != TokenKind.Cjk))
            {
                continue;
            }
            if (ConceptLexicon.ChinesePhrase(string.Concat(span.Select(t => t.Text))) is { } sense)
            {
                items.Add(new Item(sense, Surface(span), span[0].Start, span[^1].End) { Number = sense.Value });
                return i + n;
            }
        }
        InsideUnknownWord(tokens[i], items);
        return i + 1;
    }

    /// <summary>
    /// A word jieba made that the lexicon does not know (暖些, 调暖): greedy longest entries inside it, but only
    /// multi-character entries or single characters that mean a look (亮, 暖); function characters such as 和 or 不
    /// inside a word stay part of that word. What is left is unknown.
    /// </summary>
    private static void InsideUnknownWord(Token token, List<Item> items)
    {
        var word = token.Text;
        if (FullCover(word) is { } pieces)
        {
            // jieba joined known words into one it knows ("加点", "太灰", "用图"): the pieces cover it exactly.
            var offset = 0;
            foreach (var (piece, sense) in pieces)
            {
                items.Add(new Item(sense, piece, token.Start + offset, token.Start + offset + piece.Length));
                offset += piece.Length;
            }
            return;
        }
        var p = 0;
        var unknownFrom = -1;
        while (p < word.Length)
        {
            var found = false;
            for (var len = Math.Min(6, word.Length - p); len >= 1; len--)
            {
                if (ConceptLexicon.ChinesePhrase(word.Substring(p, len)) is { } sense && (len >= 2 || sense.InsideWords))
                {
                    if (len == word.Length)
                    {
                        break; // the whole word was already looked up
                    }
                    FlushUnknown(token, unknownFrom, p, items);
                    unknownFrom = -1;
                    items.Add(new Item(sense, word.Substring(p, len), token.Start + p, token.Start + p + len));
                    p += len;
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                unknownFrom = unknownFrom < 0 ? p : unknownFrom;
                p++;
            }
        }
        FlushUnknown(token, unknownFrom, word.Length, items);
    }

    /// <summary>The fewest lexicon entries that together spell the word exactly, or null.</summary>
    private static List<(string Piece, Sense Sense)>? FullCover(string word)
    {
        var best = new List<(string, Sense)>?[word.Length + 1];
        best[0] = [];
        for (var end = 1; end <= word.Length; end++)
        {
            for (var start = Math.Max(0, end - 6); start < end; start++)
            {
                if (best[start] is { } prefix && (end - start) < word.Length
                    && ConceptLexicon.ChinesePhrase(word[start..end]) is { } sense
                    && (best[end] is null || best[end]!.Count > prefix.Count + 1))
                {
                    best[end] = [.. prefix, (word[start..end], sense)];
                }
            }
        }
        return best[word.Length];
    }

    private static void FlushUnknown(Token token, int from, int to, List<Item> items)
    {
        if (from >= 0 && to > from)
        {
            items.Add(new Item(new Sense(Cat.Unknown), token.Text[from..to], token.Start + from, token.Start + to));
        }
    }

    private static Item ReadNumber(Token t, List<Token> tokens, ref int i)
    {
        var value = double.Parse(t.Key, CultureInfo.InvariantCulture);
        i++;
        if (i < tokens.Count && tokens[i].Text is "%" or "percent")
        {
            i++;
            return new Item(new Sense(Cat.Percent), t.Text + "%", t.Start, tokens[i - 1].End) { Number = value };
        }
        return new Item(new Sense(Cat.Number), t.Text, t.Start, t.End) { Number = value };
    }

    /// <summary>"3 second clip", "1 second": "second" after a number is the unit, not the ordinal.</summary>
    private static void SecondsAfterNumbers(List<Item> items)
    {
        for (var k = 1; k < items.Count; k++)
        {
            if (items[k - 1].Cat == Cat.Number && items[k].Text.Equals("second", StringComparison.OrdinalIgnoreCase))
            {
                items[k].Sense = new Sense(Cat.Seconds);
            }
        }
    }

    /// <summary>"第3张": jieba never sees the digit (it is not Chinese), so the three pieces are joined here.</summary>
    private static void ChineseOrdinals(List<Item> items)
    {
        for (var k = 0; k + 1 < items.Count; k++)
        {
            if (items[k].Text == "第" && items[k + 1] is { Cat: Cat.Number, Number: >= 1 and <= 9 } n)
            {
                items[k].Sense = new Sense(Cat.Ordinal, Index: (int)n.Number.Value - 1);
                n.Sense = new Sense(Cat.Filler);
            }
        }
        // "logo用第二张": an ordinal counting pictures (张/幅) with no noun after it is itself the mention of an image.
        for (var k = 0; k < items.Count; k++)
        {
            var next = k + 1 < items.Count ? items[k + 1] : null;
            if (items[k].Cat == Cat.Ordinal && (items[k].Text.EndsWith('张') || items[k].Text.EndsWith('幅')) && next?.Cat != Cat.Reference)
            {
                items[k].Sense = new Sense(Cat.Reference, Index: items[k].Sense.Index);
            }
        }
    }

    /// <summary>"image 2" / "图2" / "the second picture" / "第二张图": the mention names an image; the number is used up.</summary>
    private static void JoinReferenceNumbers(List<Item> items)
    {
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k].Cat != Cat.Reference)
            {
                continue;
            }
            items[k].ImageIndex ??= items[k].Sense.Index;
            var next = k + 1 < items.Count && items[k + 1].Text == "#" ? k + 2 : k + 1;
            if (next < items.Count && items[next] is { Cat: Cat.Number, Number: >= 1 and <= 9 } number && number.Number % 1 == 0)
            {
                items[k].ImageIndex = (int)number.Number.Value - 1;
                number.Sense = new Sense(Cat.Filler);
                continue;
            }
            for (var back = k - 1; back >= Math.Max(0, k - 3); back--)
            {
                if (items[back].Cat == Cat.Ordinal)
                {
                    items[k].ImageIndex = items[back].Sense.Index;
                    items[back].Sense = new Sense(Cat.Filler);
                    break;
                }
                if (items[back].Cat is not (Cat.Filler or Cat.Reference or Cat.Subject or Cat.Polite))
                {
                    break;
                }
            }
        }
    }

    private static string FixChineseSlips(string text, List<string> notes)
    {
        foreach (var (wrong, right) in Spelling.ChineseSlips)
        {
            if (text.Contains(wrong, StringComparison.Ordinal))
            {
                // Same length on both sides, so every position in the instruction stays where it was.
                text = text.Replace(wrong, right, StringComparison.Ordinal);
                notes.Add($"read \"{wrong}\" as \"{right}\"");
            }
        }
        return text;
    }

    private static bool IsClauseMark(string s) => s is "." or "," or ";" or ":" or "!" or "?" or "\n" or "，" or "。" or "；" or "：" or "！" or "？" or "、" or "…";

    private static string Surface(List<Token> span) => span.Count == 1 ? span[0].Text : string.Join(span[0].Kind == TokenKind.Cjk ? "" : " ", span.Select(t => t.Text));
}
