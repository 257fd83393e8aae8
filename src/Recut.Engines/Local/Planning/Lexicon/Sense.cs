using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning.Lexicon;

/// <summary>The edit concepts a word or phrase can stand for, in either language.</summary>
internal enum Cat
{
    // Things an edit can be about.
    Background, Everything, Person, Garment, Logo, Reference, Scene, Frame, Colours, Look, Face,
    // Looks and effects.
    Dimension, Directional, Grey, Sepia, Blur, Bokeh, Soft, Mirror, Flip, Vertical, Horizontal, ColourName, Solid,
    ChromaKey, ColourPop, Cutout, InColour, Sharp, Complaint,
    // Effects done in ffmpeg's graph (vignette, grain, fades, …), time (speed, trim) and text.
    Effect, Speed, Times, Seconds, Part, Cut, TextWord, Quoted,
    // Making faces unrecognisable ("anonymise", "pixelate", 打码); Sign 1 names a mosaic.
    Anonymise,
    // Reframing: an output shape ("vertical video", "9:16", 竖屏) and following the person ("follow", 跟随).
    Format, Follow,
    // Verbs.
    Replace, Remove, Place, Wear, Generic, Use, Match, Grade, Keep, Unchanged, Touch, Increase, Decrease, Off, Fix,
    // Modifiers.
    Anchor, Corner, Small, Large, SizeSmall, SizeLarge, Percent, Ordinal, Number,
    // Sentence structure.
    Negation, Too, Be, Want, Fine, Only, And, Subject, Pronoun, ObjectMarker, Polite, Filler, Hard, LooksLike,
    Punctuation, Unknown,
}

/// <summary>The effects an <see cref="Cat.Effect"/> word names.</summary>
internal enum EffectKind { Vignette, Grain, FadeIn, FadeOut, FadeBoth, DayForNight, Cartoon, Stabilise, Denoise, Sharpen, Reverse }

/// <summary>
/// One meaning of a lexicon entry. <paramref name="Look"/>/<paramref name="Sign"/> carry a look's dimension and
/// direction; <paramref name="Row"/>/<paramref name="Col"/> an anchor part (-1, 0, 1; <see cref="Centre"/> for
/// "middle"); <paramref name="Index"/> an image number (0-based, <see cref="Modifiers.LastReference"/> for "last").
/// <paramref name="InsideWords"/>: may be found inside an unknown Chinese word (亮 in 亮些), which function words
/// such as 和 never are. <paramref name="Effect"/>: what an effect word names; <paramref name="Problem"/>: the word
/// names a fault ("shaky", 噪点), so it asks for its cure only when the clause asks to remove or fix it.
/// <paramref name="Value"/>: a number word's value ("half", "twice"); for <see cref="Cat.Part"/> -1 the start, 1 the end.
/// <paramref name="Ratio"/>: the output shape a <see cref="Cat.Format"/> word names ("9:16", "1:1").
/// </summary>
internal sealed record Sense(
    Cat Cat, GlobalLook? Look = null, int Sign = 0, NamedColour? Colour = null, int Row = 0, int Col = 0, int? Index = null,
    bool InsideWords = false, bool Centre = false, EffectKind? Effect = null, double? Value = null, bool Problem = false,
    string? Ratio = null)
{
    /// <summary>Items that ask for an edit by themselves: left unexplained in a clause, the planner refuses.</summary>
    public bool Demands => Cat is Cat.Background or Cat.Everything or Cat.Garment or Cat.Logo or Cat.Dimension or Cat.Directional or Cat.Grey
        or Cat.Sepia or Cat.Blur or Cat.Bokeh or Cat.Soft or Cat.Mirror or Cat.Flip or Cat.Vertical or Cat.ColourName
        or Cat.Solid or Cat.ChromaKey or Cat.ColourPop or Cat.Cutout or Cat.Complaint or Cat.Replace or Cat.Remove
        or Cat.Place or Cat.Wear or Cat.Generic or Cat.Use or Cat.Grade or Cat.Increase or Cat.Decrease or Cat.Off
        or Cat.Fix or Cat.Anchor or Cat.Corner or Cat.SizeSmall or Cat.SizeLarge or Cat.Percent or Cat.Hard
        or Cat.LooksLike or Cat.Unknown or Cat.Number or Cat.Effect or Cat.Speed or Cat.Seconds or Cat.Cut or Cat.TextWord or Cat.Quoted
        or Cat.Face or Cat.Anonymise
        or Cat.Format or Cat.Follow;
}
