namespace Recut.Engines.Local.Planning.Text;

internal enum TokenKind
{
    /// <summary>Latin letters and digits ("bottom", "4k", "don't").</summary>
    Word,
    /// <summary>A Chinese word as jieba segments it.</summary>
    Cjk,
    Number,
    Punctuation,
}

/// <summary>One token of the instruction; <see cref="Start"/>/<see cref="End"/> index the normalised text.</summary>
internal sealed record Token(string Text, TokenKind Kind, int Start, int End)
{
    /// <summary>The form looked up in the lexicon: lower case, possessive "'s" dropped.</summary>
    public string Key { get; init; } = Text;
}
