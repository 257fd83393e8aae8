using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>English phrases the local engine recognises, grouped by family; within a family, earlier rules win.</summary>
internal static class EnglishRules
{
    public static IReadOnlyList<IntentRule> All { get; } = Build();

    private static IntentRule R(IntentFamily family, string template, Func<RuleHit, Intent> build) =>
        new(family, RegexText.Compile(template, EnglishVocabulary.Fragments), build);

    private static List<IntentRule> Build()
    {
        const IntentFamily P = IntentFamily.Person, U = IntentFamily.Unsupported, C = IntentFamily.Colour,
            O = IntentFamily.Overlay, G = IntentFamily.Global;
        return
        [
            // Person kept in colour, background black-and-white (before anything that reads "black and white").
            R(P, @"\b(?:keep|leave|retain|preserve|make|show|have)\s+(?:only\s+)?(?:the\s+)?(?:\w+'s\s+)?«PERSON»\b«G»{0,15}?\b(?:in\s+)?(?:full\s+)?colou?r(?:ed|ful|s)?\b", Intents.BackgroundGrayscale),
            R(P, @"\b(?:colou?r[\s-]*(?:pop|splash)|selective\s+colou?r(?:ing)?|colou?r\s+isolation)\b", Intents.BackgroundGrayscale),
            R(P, @"\b(?:«BG»|rest\s+of\s+the\s+(?:frame|image|scene|picture|video))\b«G»{0,20}?«BW»", Intents.BackgroundGrayscale),
            R(P, @"«BW»\s+(?:the\s+)?«BG»\b", Intents.BackgroundGrayscale),
            R(P, @"\b(?:desaturate|decolou?ri[sz]e|gr[ae]y\s+out)\s+(?:the\s+)?«BG»\b", Intents.BackgroundGrayscale),
            // Background replaced by a reference image.
            R(P, @"\b(?:replace|swap|change|switch|substitute|set|turn|make|use)\b«G»{0,12}?\b(?:background|backdrop|bg|surroundings|scenery|setting|environment)\b«G»{0,25}?\b(?:with|for|to|into|by|as|from)\b«G»{0,25}?«REF»", Intents.BackgroundReplace),
            R(P, @"«REF»«G»{0,20}?\bas\s+(?:the\s+|a\s+|its\s+|her\s+|his\s+|their\s+)?(?:new\s+)?(?:background|backdrop|bg|scene|setting)\b", Intents.BackgroundReplace),
            R(P, @"\b(?:put|place|move|transport|teleport|insert|composite)\s+(?:the\s+)?«PERSON»\b«G»{0,25}?\b(?:in|into|on|onto|to|inside)\b«G»{0,40}?«REF»", Intents.BackgroundReplace),
            R(P, @"\b(?:background|backdrop|bg)\s+(?:from|of|in|like)\s+«REF»", Intents.BackgroundReplace),
            // Background blurred (bokeh); must come before the whole-frame blur.
            R(P, @"\b(?:blur(?:red|ring|s)?|defocus(?:ed)?|soften|unfocus)\s+(?:out\s+)?(?:the\s+|only\s+the\s+|just\s+the\s+)?«BG»\b", Intents.BackgroundBlur),
            R(P, @"\b«BG»\b«G»{0,15}?\b(?:blur(?:red|ry)?|bokeh|out[\s-]of[\s-]focus|defocused|soft)\b", Intents.BackgroundBlur),
            R(P, @"\b(?:bokeh|portrait\s+mode|(?:shallow\s+)?depth[\s-]of[\s-]field)\b|\bblurr?(?:y|ed)\s+«BG»\b", Intents.BackgroundBlur),
            // Background removed to a solid colour.
            R(P, @"\b(?:green|blue)[\s-]?screen\b|\bchroma[\s-]?key(?:ed|ing)?\b", Intents.BackgroundSolid),
            R(P, @"\b(?:remove|delete|erase|cut\s+out|get\s+rid\s+of|drop|strip|take\s+out|clear)\s+(?:the\s+)?(?:background|backdrop|bg)\b(?:\s+(?:and\s+)?(?:(?:replace|fill|swap)\s+it\s+)?(?:with|to|into|for|by|in)\s+(?:a\s+|an\s+)?(?:solid\s+|plain\s+|pure\s+|flat\s+|clean\s+)?«COLOUR»\b)?", Intents.BackgroundSolid),
            R(P, @"\b(?:replace|change|turn|make|set|swap|paint|fill|switch)\s+(?:the\s+)?(?:background|backdrop|bg)\s+(?:with\s+|to\s+|into\s+|in\s+)?(?:a\s+|an\s+)?(?:solid\s+|plain\s+|pure\s+|flat\s+|clean\s+)?«COLOUR»\b(?:\s+(?:colou?r|screen|backdrop|background))?", Intents.BackgroundSolid),
            R(P, @"\b(?:(?:solid|plain|pure|flat|clean)\s+)?«COLOUR»\s+(?:colou?red\s+)?(?:background|backdrop|screen)\b", Intents.BackgroundSolid),
            R(P, @"\b(?:solid|plain|pure|flat)[\s-]colou?r(?:ed)?\s+(?:background|backdrop)\b|\b(?:cut\s+out|isolate|extract|segment)\s+(?:the\s+)?«PERSON»\b", Intents.BackgroundSolid),
            // Outfit recoloured to a colour named in words or a hex code (before the reference-image outfit rules).
            R(P, @"\b(?:make|turn|change|recolou?r|paint|dye|colou?r|switch|swap|set)\b«G»{0,40}?\b«GARMENT»\b«G»{0,25}?" + GarmentColours.English, GarmentColours.Outfit),
            R(P, GarmentColours.English + @"(?:[\s-]+colou?red)?\s+«GARMENT»\b", GarmentColours.Outfit),
            R(P, @"\b(?:her|his|their|the|my|your)\s+«GARMENT»\s+(?:(?:to|in|into)\s+)?" + GarmentColours.English, GarmentColours.Outfit),
            // Outfit recoloured from a reference image.
            R(P, @"\b(?:replace|change|swap|switch|recolou?r|restyle|make|turn|update)\b«G»{0,40}?\b«GARMENT»\b«G»{0,50}?«REF»", Intents.Outfit),
            R(P, @"\b(?:dress|clothe)\s+(?:the\s+)?(?:\w+\s+)?«PERSON»\b«G»{0,40}?«REF»", Intents.Outfit),
            R(P, @"\b(?:wear|wearing|put\s+on|try\s+on)\b«G»{0,30}?\b«GARMENT»\b", Intents.Outfit),
            R(P, @"\b«GARMENT»\b«G»{0,10}?\b(?:from|in|of|shown\s+in|seen\s+in|like)\s+«REF»", Intents.Outfit),

            // Looks like an overlay or a mirror but is not: removing marks, flipping upside down.
            R(U, @"\b(?:remove|delete|erase|get\s+rid\s+of|take\s+(?:out|off|away)|hide|clean\s+up|blur\s+out|cover\s+up|crop\s+out)\b«G»{0,25}?\b(?:«STRONG»|text|subtitles?|captions?|titles?|words?|letters?|objects?|things?|cars?|signs?|people|persons?|man|woman|girl|boy|faces?|dogs?|cats?|trees?|buildings?)\b", Intents.Unsupported),
            R(U, @"\bflip(?:ped)?\b«G»{0,20}?\b(?:vertical(?:ly)?|upside[\s-]down|top[\s-]to[\s-]bottom)\b|\bupside[\s-]down\b|\bvertical(?:ly)?\s+flip(?:ped)?\b", Intents.Unsupported),

            // Colour look of a reference image ("look like" alone is a full restyle, which this engine cannot do).
            R(C, @"\b(?!looks?\s+like\b)«LOOK»\b«G»{0,30}?\b(?:of|from|in|like|as\s+in|matching|used\s+in|seen\s+in|found\s+in)\s+«REF»", Intents.ColourLook),
            R(C, @"«REF»(?:'s|s')?\s+«LOOK»\b", Intents.ColourLook),
            R(C, @"\bmatch(?:es|ing)?\b«G»{0,30}?«REF»", Intents.ColourLook),
            R(C, @"\bcolou?r[\s-]*(?:grade|correct|match)\w*\b«G»{0,30}?«REF»", Intents.ColourLook),
            R(C, @"«REF»\s+as\s+(?:a\s+|the\s+)?(?:colou?r|style|look|grading|grade|lut|palette|tone)\b(?:\s+(?:reference|guide|source|target))?", Intents.ColourLook),

            // Overlay of a reference image (a logo).
            R(O, @"\b«OVERLAYVERB»\b«G»{0,25}?(?:\b«STRONG»\b|«REF»)", Intents.Overlay),
            R(O, @"\b«STRONG»(?:\s+|\b«G»{0,30}?\b(?:in|at|on|to|into|onto|near|by)\s+(?:the\s+)?)«ANCHOR»", Intents.Overlay),
            R(O, @"«REF»\s+(?:in|at|on|into|onto)\s+(?:the\s+)?«ANCHOR»", Intents.Overlay),
            R(O, @"\b«ANCHOR»«G»{0,12}?\b«STRONG»\b", Intents.Overlay),

            // Whole-frame looks.
            R(G, @"\b(?:«BW»|noir|(?:no|without|remove(?:\s+all)?(?:\s+the)?)\s+colou?rs?)\b", Intents.Look(GlobalLook.Grayscale, 1)),
            R(G, @"\b(?:sepia|vintage|retro|old[\s-]*(?:film|photo(?:graph)?s?|movie|school|fashioned|time|timey)|antique|aged|nostalgic)\b", Intents.Look(GlobalLook.Sepia, 1)),
            R(G, @"\b(?:(?:less|lower|reduce[ds]?|decrease[ds]?|tone\s+down)\s+(?:the\s+)?(?:saturation|saturated|colou?rful|vivid|vibrant|colou?rs?|colou?r\s+intensity)|desaturat(?:e|ed|ion)|muted|washed[\s-]out|pastel|subdued|undersaturated|saturation\s+(?:down|lower(?:ed)?|reduced))\b", Intents.Look(GlobalLook.Saturation, -1)),
            R(G, @"\b(?:(?:more|higher|increase[ds]?|boost(?:ed)?|raise[ds]?|enhance[ds]?|richer|deeper|stronger|bright(?:er)?|punchier)\s+(?:the\s+)?(?:saturation|colou?rs?|colou?r\s+intensity)|saturat(?:e|ed)|more\s+(?:colou?rful|vivid|vibrant|saturated)|vivid|vibrant|colou?rful|colou?rs?\s+pop|saturation\s+(?:up|higher|increased|boosted))\b", Intents.Look(GlobalLook.Saturation, 1)),
            R(G, @"\b(?:(?:less|lower|reduce[ds]?|decrease[ds]?|soft(?:er|en)?|weaker|flatten|lessen)\s+(?:the\s+)?contrast|contrast\s+(?:down|lower(?:ed)?|reduced|decreased|softer)|low[\s-]contrast)\b", Intents.Look(GlobalLook.Contrast, -1)),
            R(G, @"\b(?:(?:more|higher|increase[ds]?|boost(?:ed)?|stronger|add|raise[ds]?|enhance[ds]?|punch\s+up)\s+(?:the\s+|some\s+)?contrast|contrast\s+(?:up|higher|increased|boosted|stronger)|high[\s-]contrast|contrasty|punchy|punchier)\b", Intents.Look(GlobalLook.Contrast, 1)),
            R(G, @"\b(?:dark(?:er|en(?:ed)?)?|dimm?(?:er|ed)?|(?:less|lower|reduce[ds]?|decrease[ds]?|turn\s+down|dial\s+down|drop)\s+(?:the\s+)?(?:brightness|exposure|bright|light)|(?:brightness|exposure)\s+(?:down|lower(?:ed)?|reduced|decreased)|under[\s-]?expose[ds]?)\b", Intents.Look(GlobalLook.Brightness, -1)),
            R(G, @"\b(?:bright(?:er|en(?:ed)?)?|lighter|lighten(?:ed)?|(?:more|higher|increase[ds]?|raise[ds]?|boost(?:ed)?|turn\s+up|dial\s+up|lift)\s+(?:the\s+)?(?:brightness|exposure|light)|(?:brightness|exposure)\s+(?:up|higher|raised|increased|boosted)|over[\s-]?expose[ds]?)\b", Intents.Look(GlobalLook.Brightness, 1)),
            R(G, @"\b(?:less\s+warm|cool(?:er|\s+(?:tones?|colou?rs?|look|tint|cast|down|it\s+down|blue|teal))|cold(?:er)?(?:\s+(?:tones?|colou?rs?|look))?|(?:more|add)\s+blue|blu(?:er|ish)|icy|(?:lower|decrease)\s+(?:the\s+)?(?:colou?r\s+)?temperature)\b", Intents.Look(GlobalLook.Warmth, -1)),
            R(G, @"\b(?:warm(?:er|th)?(?:\s+(?:tones?|colou?rs?|look|tint|cast|it\s+up|up))?|(?:more|add)\s+(?:orange|yellow|golden|amber)|golden(?:\s+hour)?|amber\s+tint|(?:raise|increase)\s+(?:the\s+)?(?:colou?r\s+)?temperature)\b", Intents.Look(GlobalLook.Warmth, 1)),
            R(G, @"\b(?:blur(?:red|ry|s|ring)?|out[\s-]of[\s-]focus|defocus(?:ed)?|soft[\s-]focus)\b", Intents.Blur),
            R(G, @"\bmirror(?:ed|ing|\s+image)?\b|\bflip(?:ped|s)?\b«G»{0,20}?\b(?:horizontal(?:ly)?|left[\s-]*(?:to|and|&)[\s-]*right|sideways)\b|\bhorizontal(?:ly)?[\s-]+(?:flip(?:ped)?|mirror(?:ed)?)\b|\b(?:swap|reverse)\s+left\s+and\s+right\b", Intents.Mirror),
        ];
    }
}
