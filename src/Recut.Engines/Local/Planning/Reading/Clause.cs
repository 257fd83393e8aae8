using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

internal enum Join
{
    Start,
    /// <summary>After a comma, full stop or other clause mark.</summary>
    Mark,
    /// <summary>After "and", "then", "然后", "和"…: a continuation that may share the previous clause's verb or object.</summary>
    Conjunction,
}

/// <summary>A clause: the items between two clause marks or conjunctions, and how it joins the one before.</summary>
internal sealed class Clause(List<Item> items, Join join, string text)
{
    public List<Item> Items { get; } = items;
    public Join Join { get; } = join;
    /// <summary>The clause as the user wrote it, for messages.</summary>
    public string Text { get; } = text;

    public bool Has(Cat cat) => Items.Any(i => i.Cat == cat && !i.Negated);

    public IEnumerable<Item> Live(Cat cat) => Items.Where(i => i.Cat == cat && !i.Negated);

    public Item? First(Cat cat) => Items.FirstOrDefault(i => i.Cat == cat && !i.Negated);

    /// <summary>Marks every live item of these kinds as explained.</summary>
    public void Use(params Cat[] cats)
    {
        foreach (var item in Items.Where(i => !i.Negated && cats.Contains(i.Cat)))
        {
            item.Used = true;
        }
    }

    /// <summary>Live items that ask for an edit and that nothing has explained.</summary>
    public List<Item> Unexplained => Items.Where(i => !i.Negated && !i.Used && i.Sense.Demands).ToList();

    public bool IsEmpty => Items.All(i => i.Cat is Cat.Filler or Cat.Polite or Cat.Punctuation or Cat.Subject);
}
