using Recut.Engines.Local.Planning.Lexicon;

namespace Recut.Engines.Local.Planning.Reading;

/// <summary>One concept found in the instruction: a word or phrase, what it stands for, and how it has been used.</summary>
internal sealed class Item(Sense sense, string text, int start, int end)
{
    public Sense Sense { get; set; } = sense;
    public Cat Cat => Sense.Cat;
    /// <summary>The words as the user typed them.</summary>
    public string Text { get; } = text;
    public int Start { get; } = start;
    public int End { get; } = end;
    /// <summary>The image a reference mention names ("image 2", "第二张图"), 0-based.</summary>
    public int? ImageIndex { get; set; }
    public double? Number { get; init; }
    public bool Negated { get; set; }
    /// <summary>Explained by an edit, a constraint or a neighbouring clause.</summary>
    public bool Used { get; set; }

    public override string ToString() => $"{Cat}:{Text}";
}
