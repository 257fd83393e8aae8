namespace Recut.Engines.Local.Plan;

/// <summary>
/// Text the instruction quoted, drawn at <paramref name="Anchor"/> inside safe margins, fading in and out; white with
/// a dark outline so it reads on any picture. Only text the user wrote in quotes (or after "字幕：") is ever drawn.
/// </summary>
public sealed record TitleOp(string Text, Anchor Anchor) : FilterOperation
{
    /// <summary>Longer text would not fit one line at a readable size.</summary>
    public const int MaxLength = 60;

    public override string Describe() => $"add the text \"{Text}\" in {Anchor.Describe()} (fading in and out, inside safe margins)";
}
