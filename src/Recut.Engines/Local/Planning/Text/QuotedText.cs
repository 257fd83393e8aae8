namespace Recut.Engines.Local.Planning.Text;

/// <summary>A span of the instruction the user quoted: the words to draw, never read as instructions.</summary>
internal sealed record Quote(int Start, int End, string Content);

/// <summary>
/// Finds the text a user quoted — "…", '…', 「…」, 『…』, or everything after "字幕：" / "caption:" up to the end of the
/// sentence — and masks it (positions kept) so the planner never reads the words inside as an instruction. The mask
/// character is one the tokenizer reads as a single punctuation token per character, not as a clause mark.
/// </summary>
internal static class QuotedText
{
    public const char Mask = '\uE000';

    private static readonly string[] ColonWords = ["字幕", "标题", "文字", "文案", "标语", "title", "caption", "subtitle", "text", "heading", "headline", "words"];

    public static (string Masked, List<Quote> Quotes) Extract(string text)
    {
        var quotes = new List<Quote>();
        var chars = text.ToCharArray();
        var i = 0;
        while (i < text.Length)
        {
            var close = Closer(text, i);
            if (close is { } c && text.IndexOf(c, i + 1) is var end and > 0 && (c != '\'' || ClosesSingle(text, end)) && end > i + 1)
            {
                Add(i, end + 1, text[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            if (text[i] == ':' && AfterTextWord(text, i) && !StartsQuote(text, i + 1))
            {
                var stop = i + 1;
                while (stop < text.Length && text[stop] is not ('。' or '！' or '？' or '!' or '?' or '\n'))
                {
                    stop++;
                }
                var content = text[(i + 1)..stop].Trim();
                if (content.Length > 0)
                {
                    Add(i, stop, content);
                    i = stop;
                    continue;
                }
            }
            i++;
        }
        return (new string(chars), quotes);

        void Add(int start, int end, string content)
        {
            quotes.Add(new Quote(start, end, content));
            for (var k = start; k < end; k++)
            {
                chars[k] = Mask;
            }
        }
    }

    private static char? Closer(string text, int i) => text[i] switch
    {
        '"' => '"',
        '「' => '」',
        '『' => '』',
        '\'' when i == 0 || !char.IsLetterOrDigit(text[i - 1]) || Tokenizer.IsCjk(text[i - 1]) => '\'',
        _ => null,
    };

    /// <summary>A closing ' is followed by a non-letter ("'Summer 2026' at"), unlike the one inside "it's".</summary>
    private static bool ClosesSingle(string text, int end) =>
        end + 1 >= text.Length || !char.IsLetterOrDigit(text[end + 1]) || Tokenizer.IsCjk(text[end + 1]);

    private static bool StartsQuote(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }
        return i < text.Length && text[i] is '"' or '\'' or '「' or '『';
    }

    private static bool AfterTextWord(string text, int colon)
    {
        var before = text[..colon].TrimEnd();
        return ColonWords.Any(w => before.EndsWith(w, StringComparison.OrdinalIgnoreCase)
            && (Tokenizer.IsCjk(w[0]) || before.Length == w.Length || !char.IsAsciiLetter(before[^(w.Length + 1)])));
    }
}
