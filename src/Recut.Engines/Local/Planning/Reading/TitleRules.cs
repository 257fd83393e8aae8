using System.Globalization;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Titles and captions: only text the user quoted ("add the title 'Summer 2026' at the top", "在底部加上字幕：欢迎光临").
/// A title word with no quoted text is refused — the engine never makes up words — and so is quoted text it was not
/// asked to add, text over <see cref="TitleOp.MaxLength"/> characters, or text with line breaks or control characters.
/// </summary>
internal static class TitleRules
{
    public static void Read(Clause c, ClauseOutcome outcome)
    {
        var quotes = c.Live(Cat.Quoted).ToList();
        if (quotes.Count == 0)
        {
            if (c.Has(Cat.TextWord))
            {
                outcome.Refusal = "no text given: write the words to add in quotes, e.g. add the title \"Summer 2026\" at the top";
            }
            return;
        }
        if (!c.Has(Cat.TextWord) && !c.Has(Cat.Place))
        {
            return; // quoted words with no request to add them
        }
        if (quotes.Count > 1)
        {
            outcome.Refusal = "two texts in one request; give each its own sentence and position";
            return;
        }
        var text = quotes[0].Text;
        if (text.Any(char.IsControl) || text.Trim().Length == 0)
        {
            outcome.Refusal = "the text to add has a line break, a control character or nothing to show";
            return;
        }
        if (new StringInfo(text).LengthInTextElements > TitleOp.MaxLength)
        {
            outcome.Refusal = $"the text to add is longer than {TitleOp.MaxLength} characters, more than one line at a readable size";
            return;
        }
        outcome.Requests.Add(new Request(RequestKind.Title, EditRules.Fragment(c), EditRules.Start(c))
        {
            Text = text,
            Anchor = OverlayAndLookRules.AnchorOf(c.Items.Where(i => !i.Negated)),
            // A title word ("title", 标题) puts unplaced text at the top; a caption or plain text goes at the bottom.
            FallbackAnchor = c.Live(Cat.TextWord).Any(w => w.Sense.Row < 0) ? Anchor.TopCenter : Anchor.BottomCenter,
        });
        c.Use(Cat.Quoted, Cat.TextWord, Cat.Place, Cat.Anchor, Cat.Corner, Cat.Generic);
    }
}
