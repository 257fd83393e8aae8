using System.Text.RegularExpressions;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>English words the planner knows: phrase fragments for the rules, and word lists for clause checks.</summary>
internal static class EnglishVocabulary
{
    private const string Ordinal = "first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th";
    private const string ImageWord = "image|picture|photo|pic|img";

    /// <summary>Fragments for <see cref="RegexText"/> templates.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fragments = new Dictionary<string, string>
    {
        // A mention of a supplied image: "the reference image", "image 2", "the second picture", "my photo".
        ["REF"] = $@"(?:\b(?:the|this|that|my|our|your|provided|given|attached|uploaded|supplied|sample|example)\s+(?:(?:{Ordinal})\s+)?(?:(?:reference|ref)\s+)?(?:{ImageWord}|reference|ref|one)\b(?:\s*#?\s*[1-5]\b)?"
                + $@"|\b(?:{Ordinal})\s+(?:(?:reference|ref)\s+)?(?:{ImageWord}|reference|ref)\b"
                + $@"|\b(?:reference|ref)\b(?:\s+(?:{ImageWord})\b)?(?:\s*#?\s*[1-5]\b)?"
                + $@"|\b(?:{ImageWord})\s*#?\s*[1-5]\b)",
        ["LOOK"] = @"(?:colou?r[\s-]*(?:palette|scheme|grade|grading|tones?|look|style|treatment|temperature|mood)|colou?rs?|colou?ring|palette|tones?|tonality|grade|grading|looks?|mood|style|feel|atmosphere|vibe|lut|filter|hues?|white\s+balance|aesthetic)",
        ["OVERLAYVERB"] = "(?:put|place|add|insert|overlay|superimpose|stick|paste|position|stamp|include|display|show|drop|pin)",
        ["STRONG"] = @"(?:logos?|watermarks?|icons?|badges?|stickers?|emblems?|brand(?:ing)?\s+marks?|trademarks?|branding)",
        ["ANCHOR"] = @"(?:(?:top|upper|bottom|lower)[\s-]*(?:left|right|cent(?:er|re)|middle)|(?:left|right)[\s-]*(?:top|upper|bottom|lower)|(?:cent(?:er|re)|middle)(?:[\s-]*(?:left|right))?|top|bottom|left|right)\b",
        ["PERSON"] = "(?:person|people|persons|subject|subjects|girl|girls|boy|boys|man|men|woman|women|lady|guy|child|children|kid|kids|figure|character|model|dancer|speaker|presenter|host|foreground|individual|human|humans|her|him|them|me|us)",
        ["GARMENT"] = @"(?:outfits?|clothes|clothing|dress(?:es)?|shirts?|t-?shirts?|garments?|jackets?|coats?|attire|costumes?|sweaters?|hoodies?|skirts?|suits?|uniforms?|blouses?|apparel|wardrobe)",
        ["COLOUR"] = "(?:green|blue|white|black|red|gr[ae]y|yellow|pink|purple|orange)",
        ["BW"] = @"(?:black[\s-]*(?:and|&|n'?)[\s-]*white|b\s*&\s*w|b/w|gr[ae]y[\s-]*scale|monochrome|monochromatic|colou?rless)",
        ["BG"] = @"(?:background|backdrop|bg|surroundings)",
    };

    public static readonly Regex Small = RegexText.Words(@"\b(?:slightly|slight|a\s+(?:little\s+)?bit|a\s+little|a\s+touch|a\s+tad|subtle|subtly|gently|gentle|somewhat|mildly|mild|lightly|a\s+hint)\b");
    public static readonly Regex Large = RegexText.Words(@"\b(?:much|very|a\s+lot|strongly|strong|significantly|heavily|heavy|really|way|extremely|dramatically|completely|fully|totally|intensely|intense|super|drastically)\b");
    public static readonly Regex SmallSize = RegexText.Words(@"\b(?:small|smaller|tiny)\b");
    public static readonly Regex LargeSize = RegexText.Words(@"\b(?:large|larger|big|bigger|huge)\b");

    /// <summary>A negation before a recognised phrase in its clause cancels it ("don't blur it").</summary>
    public static readonly Regex Negation = RegexText.Words(@"\b(?:don'?t|do\s+not|never|not|no|without|avoid|nor|stop|except)\b");

    /// <summary>A clause that starts like this states a constraint ("keep the audio"), not an extra edit.</summary>
    public static readonly Regex Constraint = RegexText.Words(@"^\s*(?:(?:but|and|please|also|just)\s+)*(?:keep|leave|retain|preserve|maintain|don'?t|do\s+not|never|without|avoid|no|not|nothing\s+else|everything\s+else|only)\b");

    public static readonly Regex Separators = RegexText.Words(@"\b(?:and|then|also|plus|but|while|afterwards|after\s+that|as\s+well\s+as|additionally|as\s+well|finally|next|lastly)\b");

    /// <summary>Words that demand an edit; in a clause with nothing recognised they mean "something we cannot do".</summary>
    public static readonly Regex EditVerbs = RegexText.Words(@"\b(?:add|adds|adding|remove|removing|delete|erase|replace|swap|change|changing|turn|make|convert|transform|insert|put|place|apply|give|create|generate|animate|move|rotate|crop|zoom|speed|slow|reverse|cut|trim|stabili[sz]e|sharpen|upscale|enhance|fix|restore|colou?ri[sz]e|paint|draw|write|show|hide|let|dress|wear|extend|loop|edit|adjust|modify|alter|stylize|stylise|translate|dub|mute|fade|flip|shift|resize|increase|decrease|reduce|boost|lower|raise|overlay|blend|merge|combine|mask|track|tilt|pan|shake|recolou?r|darken|lighten|brighten|use|set|get\s+rid|clean|retouch|beautify|smooth|whiten|slim|transition|narrate|sing|dance|walk|run|jump|fly)\b");

    /// <summary>Things the local engine cannot touch; named anywhere in an edit's clause, the clause is not doable.</summary>
    public static readonly Regex HardNouns = RegexText.Words(@"\b(?:faces?|facial|eyes?|hair|hairstyle|makeup|make-up|smile|smiling|expression|anime|cartoons?|manga|ghibli|pixar|disney|comic|sketch|painting|oil\s+painting|watercolou?r|pixel\s+art|3d|claymation|lego|dance|dancing|dances|dog|dogs|puppy|cat|cats|kitten|car|cars|vehicle|bird|birds|animal|animals|horse|sky|skies|clouds?|sun|moon|stars|rain|snow|fire|smoke|explosion|text|subtitles?|captions?|titles?|words?|letters?|slow[\s-]?motion|time[\s-]?lapse|speed|faster|slower|upside[\s-]down|vertical(?:ly)?|rotate|rotated|zoom|crop|cropped|stabili[sz]\w*|objects?|trees?|buildings?|sea|ocean|in\s+the\s+style\s+of|van\s+gogh|picasso|monet|rembrandt|cyberpunk|steampunk|vaporwave|impressionis\w*|surreal\w*|ukiyo-?e)\b");

    /// <summary>The person and the parts of the frame only a person-aware edit can address.</summary>
    public static readonly Regex PersonWords = RegexText.Words(@"\b(?:person|persons|people|man|men|woman|women|girl|girls|boy|boys|child|children|kid|kids|lady|guy|he|she|her|him|his|hers|they|them|their|body|hands?|arms?|legs?|feet|shoes?|hat|glasses|mouth|teeth|lips|skin|tattoo|subject|character|actor|actress|dancer|model|background|backdrop|foreground)\b");

    public static readonly IReadOnlyList<(Regex Pattern, Anchor Anchor)> Anchors =
    [
        (RegexText.Words(@"\b(?:top|upper)[\s-]*right\b|\bright[\s-]*(?:top|upper)\b"), Anchor.TopRight),
        (RegexText.Words(@"\b(?:top|upper)[\s-]*left\b|\bleft[\s-]*(?:top|upper)\b"), Anchor.TopLeft),
        (RegexText.Words(@"\b(?:bottom|lower)[\s-]*right\b|\bright[\s-]*(?:bottom|lower)\b"), Anchor.BottomRight),
        (RegexText.Words(@"\b(?:bottom|lower)[\s-]*left\b|\bleft[\s-]*(?:bottom|lower)\b"), Anchor.BottomLeft),
        (RegexText.Words(@"\b(?:top|upper)[\s-]*(?:cent(?:er|re)|middle)\b|\b(?:cent(?:er|re)|middle)\s+(?:of\s+the\s+)?top\b"), Anchor.TopCenter),
        (RegexText.Words(@"\b(?:bottom|lower)[\s-]*(?:cent(?:er|re)|middle)\b|\b(?:cent(?:er|re)|middle)\s+(?:of\s+the\s+)?bottom\b"), Anchor.BottomCenter),
        (RegexText.Words(@"\b(?:cent(?:er|re)|middle)[\s-]*left\b|\bleft[\s-]*(?:cent(?:er|re)|middle)\b"), Anchor.MiddleLeft),
        (RegexText.Words(@"\b(?:cent(?:er|re)|middle)[\s-]*right\b|\bright[\s-]*(?:cent(?:er|re)|middle)\b"), Anchor.MiddleRight),
        (RegexText.Words(@"\b(?:cent(?:er|re)d?|middle)\b"), Anchor.Center),
        (RegexText.Words(@"\b(?:top|upper)\b"), Anchor.TopCenter),
        (RegexText.Words(@"\b(?:bottom|lower)\b"), Anchor.BottomCenter),
        (RegexText.Words(@"\bleft\b"), Anchor.MiddleLeft),
        (RegexText.Words(@"\bright\b"), Anchor.MiddleRight),
    ];

    public static readonly IReadOnlyList<(Regex Pattern, Func<Match, int?> Read)> ReferenceMentions =
    [
        (RegexText.Words($@"\b(?:{ImageWord}|reference|ref)\s*(?:#|no\.?\s*|number\s*)?([1-5])(?![\d.])"), m => Modifiers.OrdinalToIndex(m.Groups[1].Value)),
        (RegexText.Words($@"\b({Ordinal})\s+(?:(?:reference|ref)\s+)?(?:{ImageWord}|reference|ref|one)s?\b"), m => Modifiers.OrdinalToIndex(m.Groups[1].Value)),
    ];

    public static readonly IReadOnlyList<(Regex Pattern, NamedColour Colour)> Colours =
    [
        (RegexText.Words(@"\bgreen\b"), NamedColour.Green),
        (RegexText.Words(@"\bblue\b"), NamedColour.Blue),
        (RegexText.Words(@"\bwhite\b"), NamedColour.White),
        (RegexText.Words(@"\bblack\b"), NamedColour.Black),
        (RegexText.Words(@"\bred\b"), NamedColour.Red),
        (RegexText.Words(@"\bgr[ae]y\b"), NamedColour.Grey),
        (RegexText.Words(@"\byellow\b"), NamedColour.Yellow),
        (RegexText.Words(@"\bpink\b"), NamedColour.Pink),
        (RegexText.Words(@"\bpurple\b"), NamedColour.Purple),
        (RegexText.Words(@"\borange\b"), NamedColour.Orange),
    ];
}
