using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>
/// Reframing: an output shape named in words ("make it vertical for TikTok", "9:16", "make it square", 竖屏, 裁成方形)
/// asks for a crop that follows the person; so does asking to follow or centre the person ("follow the person",
/// "keep her centred", 人物居中), whose shape is then the request's <c>ratio</c> parameter (see <see cref="Framing"/>).
/// "vertical"/"horizontal" name a shape only when nothing is flipped or mirrored ("flip it vertically" is a mirror
/// the engine does not do, and stays refused). A shape next to a logo, an image or a text ("a square logo") is not a
/// reframe, and a shape API.md has no output size for (4:5, 21:9, …) is refused with the ones it has.
/// </summary>
internal static class ReframeRules
{
    public static void Read(Clause c, ClauseOutcome outcome)
    {
        if (c.Has(Cat.Logo) || c.Has(Cat.Reference) || c.Has(Cat.Quoted) || c.Has(Cat.TextWord))
        {
            return;
        }
        var shapes = c.Live(Cat.Format).Where(i => !i.Used).Select(i => i.Sense.Ratio!).ToList();
        var turned = !c.Has(Cat.Flip) && !c.Has(Cat.Mirror) && (c.Has(Cat.Generic) || shapes.Count > 0 || c.Has(Cat.Follow));
        if (turned && c.Has(Cat.Vertical))
        {
            shapes.Add("9:16");
        }
        if (turned && c.Has(Cat.Horizontal))
        {
            shapes.Add("16:9");
        }
        var follow = c.Has(Cat.Follow) || CentresPerson(c.Items);
        if (shapes.Count == 0 && !follow)
        {
            return;
        }
        if (shapes.Distinct().Count() == 2 && FromTo(c) is { } target)
        {
            shapes = [target]; // "横屏变竖屏", "from landscape format to vertical": the shape it goes to
        }
        if (shapes.Distinct().Count() > 1)
        {
            outcome.Refusal = $"two different shapes asked for ({string.Join(" and ", shapes.Distinct())})";
            return;
        }
        if (shapes is ["unlisted", ..])
        {
            outcome.Refusal = "that shape has no output size in the API: it can reframe to 9:16, 1:1, 3:4, 4:3 or 16:9 (for 4:5, 3:4 is the nearest)";
            return;
        }
        outcome.Requests.Add(new Request(RequestKind.Reframe, EditRules.Fragment(c), EditRules.Start(c)) { Ratio = shapes.FirstOrDefault() });
        c.Use(Cat.Format, Cat.Vertical, Cat.Horizontal, Cat.Follow, Cat.Person, Cat.Anchor, Cat.Keep, Cat.Generic, Cat.Frame, Cat.Only);
    }

    /// <summary>The second of two shapes with a change verb between them ("横屏变竖屏", "widescreen into 9:16"), or null.</summary>
    private static string? FromTo(Clause c)
    {
        var items = c.Items.Where(i => !i.Negated).ToList();
        var formats = items.Select((item, index) => (item, index)).Where(p => p.item.Cat == Cat.Format).ToList();
        if (formats.Count != 2)
        {
            return null;
        }
        var between = items.Skip(formats[0].index + 1).Take(formats[1].index - formats[0].index - 1);
        return between.Any(i => i.Cat == Cat.Generic || i.Text.Equals("to", StringComparison.OrdinalIgnoreCase)
            || i.Text.Equals("into", StringComparison.OrdinalIgnoreCase))
            ? formats[1].item.Sense.Ratio
            : null;
    }

    /// <summary>"keep the person centred", "centre her", "人物居中": a person and the centre, nothing placed.</summary>
    public static bool KeepsPersonCentred(IReadOnlyList<Item> items) =>
        CentresPerson(items) && items.Any(i => !i.Negated && i.Cat is Cat.Keep or Cat.Follow or Cat.Generic or Cat.Format);

    private static bool CentresPerson(IReadOnlyList<Item> items) =>
        items.Any(i => !i.Negated && i.Cat == Cat.Person)
        && items.Any(i => !i.Negated && i.Cat == Cat.Anchor && i.Sense.Centre)
        && !items.Any(i => i.Cat is Cat.Logo or Cat.Reference or Cat.Background or Cat.Garment or Cat.Quoted or Cat.TextWord)
        && !items.Any(i => i.Cat == Cat.Anchor && !i.Sense.Centre);
}
