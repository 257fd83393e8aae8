using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning.Reading;

internal enum RequestKind { GlobalLook, ColourLook, Overlay, Blur, Mirror, BackgroundReplace, BackgroundBlur, BackgroundSolid, BackgroundGrey, Outfit, OutfitColour, Effect, Speed, Trim, Title, FaceAnonymise, Reframe }

/// <summary>One edit read from a clause, before reference images are shared out and operations are built.</summary>
internal sealed class Request(RequestKind kind, string fragment, int start)
{
    public RequestKind Kind { get; } = kind;
    /// <summary>The words that asked for it, for the plan's notes and error messages.</summary>
    public string Fragment { get; } = fragment;
    public int Start { get; } = start;
    public GlobalLook Look { get; init; }
    public int Sign { get; init; } = 1;
    /// <summary>0.5 "a bit", 1 normal, 1.6 "much".</summary>
    public double Intensity { get; set; } = 1;
    public int? Image { get; init; }
    public Anchor? Anchor { get; set; }
    public double Scale { get; set; } = OverlayOp.DefaultScale;
    public NamedColour? Colour { get; set; }
    /// <summary>A removed background whose colour a later clause may still name ("…, then make it pure white").</summary>
    public bool AwaitsColour { get; set; }
    public Lexicon.EffectKind Effect { get; init; }
    /// <summary>Playback speed multiple of a speed request.</summary>
    public double Factor { get; init; } = 1;
    public TrimPart TrimPart { get; init; }
    public double Seconds { get; init; }
    /// <summary>Where a title goes when the instruction names no position (a title at the top, a caption at the bottom).</summary>
    public Anchor FallbackAnchor { get; init; } = Plan.Anchor.BottomCenter;
    /// <summary>The quoted words of a title request.</summary>
    public string? Text { get; init; }
    /// <summary>The output shape a reframe asks for ("9:16"); null when it only asks to follow the person.</summary>
    public string? Ratio { get; init; }
    /// <summary>Read from a described problem ("too bright") as its cure.</summary>
    public bool Cure { get; init; }
    public FaceAnonymiseStyle FaceStyle { get; init; }

    public bool NeedsReference => Kind is RequestKind.ColourLook or RequestKind.Overlay or RequestKind.BackgroundReplace or RequestKind.Outfit;
}

/// <summary>Something the instruction says must stay as it is ("keep the colours", "人物不要动").</summary>
internal enum Protected { Everything, Person, Background, Colours, Garment, Brightness, Contrast, Saturation, Warmth }
