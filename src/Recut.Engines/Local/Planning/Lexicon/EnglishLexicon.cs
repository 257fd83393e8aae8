using Recut.Engines.Local.Plan;
using static Recut.Engines.Local.Planning.Lexicon.Cat;

namespace Recut.Engines.Local.Planning.Lexicon;

/// <summary>English words and phrases (lower case, words separated by single spaces) and the concepts they stand for.</summary>
internal static class EnglishLexicon
{
    private const GlobalLook B = GlobalLook.Brightness, C = GlobalLook.Contrast, S = GlobalLook.Saturation, W = GlobalLook.Warmth;

    public static IEnumerable<(string Phrase, Sense Sense)> Entries()
    {
        foreach (var (phrases, sense) in Groups())
        {
            foreach (var phrase in phrases.Split('|'))
            {
                yield return (phrase, sense);
            }
        }
    }

    private static Sense D(GlobalLook look, int sign) => new(Directional, look, sign);

    private static IEnumerable<(string, Sense)> Groups() =>
    [
        // Output shapes first: "landscape" alone is a scene, "landscape format" a shape.
        ("9:16|vertical video|vertical format|vertical version|portrait format|portrait orientation|portrait video|tiktok|tik tok|tiktoks|reels|reel|instagram reels|instagram reel|shorts|youtube shorts|stories|story format|instagram story|phone screen|phone format|mobile format|vertical screen", new(Format, Ratio: "9:16")),
        ("1:1|square|squared|square format|square video|square crop|instagram square", new(Format, Ratio: "1:1")),
        ("3:4|portrait 3:4", new(Format, Ratio: "3:4")),
        ("4:3|classic tv|tv format", new(Format, Ratio: "4:3")),
        ("16:9|landscape format|landscape orientation|landscape mode|widescreen|wide screen|landscape video|horizontal video|horizontal format", new(Format, Ratio: "16:9")),
        ("4:5|5:4|2:3|3:2|21:9|instagram portrait|instagram feed", new(Format, Ratio: "unlisted")),
        ("follow|follows|following|follow me|track|tracks|tracking|reframe|reframed|reframing|re frame|auto reframe|keep up with|pan with|stay on", new(Follow)),
        ("background|backgrounds|backdrop|bg|surroundings|behind me|behind her|behind him|behind them|behind us|everything behind me|everything behind her|stuff behind me|the stuff behind me|whatever is behind me", new(Background)),
        ("everything except me|everything but me|except me|except for me|apart from me|but me|except the person|except her|except him|everything else|the rest|rest of the frame|rest of the image|rest of the picture|rest of the scene|rest of the video|everything around me|everything around her|everything around him", new(Everything)),
        ("person|people|subject|girl|boy|man|woman|lady|guy|child|kid|model|dancer|speaker|presenter|host|foreground|human|her|him|me|myself|herself|himself|them", new(Cat.Person)),
        ("outfit|outfits|clothes|clothing|dress|shirt|t shirt|tshirt|garment|jacket|coat|attire|costume|sweater|hoodie|skirt|suit|uniform|blouse|top wear|wardrobe", new(Garment)),
        ("logo|logos|watermark|watermark image|icon|badge|sticker|emblem|brand mark|brandmark|trademark|branding|brand logo", new(Logo)),
        ("image|picture|photo|pic|pics|img|photograph|reference|ref|reference image|reference picture|reference photo|ref image|ref pic|attached image|attached picture|attached photo|the attached|sample image", new(Reference)),
        ("scene|beach|city|skyline|street|forest|mountains|mountain|park|studio|office|landscape|location|setting|environment|scenery|in front of", new(Scene)),
        ("video|clip|footage|film|movie|shot|frame|frames|whole thing|whole video|entire video|everything|anything|image overall|it all|the whole", new(Frame)),
        ("colour|colours|color|colors|colouring|coloring|hues|hue", new(Colours)),
        ("tone|tones|tonality|palette|colour palette|color palette|colour scheme|color scheme|look|mood|style|feel|feeling|atmosphere|vibe|vibes|aesthetic|filter|lut|grading|colour grading|color grading|white balance|tint|cast|colour look|color look|colour tone|color tone|colour tones|color tones|treatment|effect", new(Look)),

        ("brightness|exposure|light|lighting", new(Dimension, B)),
        ("contrast", new(Dimension, C)),
        ("saturation|colour saturation|color saturation|colour intensity|color intensity|vibrance", new(Dimension, S)),
        ("warmth|temperature|colour temperature|color temperature", new(Dimension, W)),

        ("brighter|brighten|brightened|bright|lighter|lighten|lightened|brighten up|light up|sunnier|well lit", D(B, 1)),
        ("darker|darken|darkened|dark|dim|dimmer|dimmed|gloomier", D(B, -1)),
        ("warmer|warm|warm up|warm it up|warmed|golden|golden hour|amber|cozy warm|toasty", D(W, 1)),
        ("cooler|cool|cool down|cold|colder|icy|chilly|bluer|bluish|frosty", D(W, -1)),
        ("vivid|vibrant|colourful|colorful|saturated|richer|rich|punchier colours|pop|poppy|juicy|more vivid|more vibrant", D(S, 1)),
        ("muted|desaturate|desaturated|washed out|wash out|pastel|faded|fade|subdued|undersaturated|dull|duller|low saturation|less saturated|desaturating", D(S, -1)),
        ("contrasty|punchy|punchier|crisp|high contrast", D(C, 1)),
        ("flat|flatter|low contrast|flattened", D(C, -1)),
        ("overexposed|over exposed|blown out", new(Complaint, B, -1)),
        ("underexposed|under exposed", new(Complaint, B, 1)),

        ("black and white|black & white|black n white|black white|b & w|bw|b / w|grayscale|greyscale|gray scale|grey scale|monochrome|monochromatic|colourless|colorless|noir|desaturated completely", new(Grey)),
        ("sepia|vintage|retro|old film|old photo|old photograph|old movie|old school|old fashioned|old timey|old time|antique|aged|nostalgic|nostalgia|film look", new(Sepia)),
        ("blur|blurred|blurry|blurring|blurs|out of focus|defocus|defocused|unfocused|soft focus|gaussian blur|fuzzy", new(Blur)),
        ("bokeh|portrait mode|depth of field|shallow depth of field|shallow focus", new(Bokeh)),
        ("soft|softer|soften|softened", new(Soft)),
        ("mirror|mirrored|mirroring|mirror image|swap left and right|reverse left and right|left to right|left and right", new(Mirror)),
        ("flip|flipped|flips|flipping", new(Flip)),
        ("vertically|vertical|upside down|top to bottom", new(Vertical)),
        ("horizontally|horizontal|sideways", new(Horizontal)),
        ("green", new(ColourName, Colour: NamedColour.Green)),
        ("blue", new(ColourName, Colour: NamedColour.Blue)),
        ("white", new(ColourName, Colour: NamedColour.White)),
        ("black", new(ColourName, Colour: NamedColour.Black)),
        ("red", new(ColourName, Colour: NamedColour.Red)),
        ("grey|gray", new(ColourName, Colour: NamedColour.Grey)),
        ("yellow|yellowish", new(ColourName, Colour: NamedColour.Yellow)),
        ("pink", new(ColourName, Colour: NamedColour.Pink)),
        ("purple|violet", new(ColourName, Colour: NamedColour.Purple)),
        ("orange|orangey", new(ColourName, Colour: NamedColour.Orange)),
        ("solid|plain|pure|flat colour|flat color|clean|single colour|single color|solid colour|solid color", new(Solid)),
        ("green screen|greenscreen|chroma key|chromakey|chroma keyed|keyed out", new(ChromaKey, Colour: NamedColour.Green)),
        ("blue screen|bluescreen", new(ChromaKey, Colour: NamedColour.Blue)),
        ("colour pop|color pop|colour splash|color splash|selective colour|selective color|colour isolation|color isolation", new(ColourPop)),
        ("cut me out|cut out the person|cut out the subject|isolate the subject|isolate me|extract the person", new(Cutout)),
        ("in colour|in color|in full colour|in full color|coloured|colored|in colours|in colors", new(InColour)),
        ("sharp|in focus|crisp and sharp", new(Sharp)),

        ("recolour|recolor|recolouring|recoloring|replace|replaced|swap|swapped|switch|substitute|exchange|change out", new(Replace)),
        ("remove|removed|delete|erase|cut out|get rid of|take out|take away|strip|strip out|knock out|clear out|lose", new(Remove)),
        ("put|place|add|insert|overlay|superimpose|stick|paste|position|stamp|slap|include|drop|pin|show|display|appear|sit|set", new(Place)),
        ("wear|wearing|wears|dress him in|dress her in|dress me in|put on|try on|dressed in", new(Wear)),
        ("make|turn|turning|give|apply|go|convert|transform|render|adjust|tweak|change|changing|alter|modify|get|bring|do|edit|fill|paint|grade it|shift", new(Generic)),
        ("use|using|take|borrow|copy|steal|pull", new(Use)),
        ("match|matching|matches|like|same|same as|the same as|similar|similar to|as in|consistent with|in line with|identical|inspired by|based on", new(Match)),
        ("colour grade|color grade|colour correct|color correct|colour match|color match|grade|regrade", new(Grade)),
        ("keep|leave|retain|preserve|maintain|hold|stay|keeping|leaving", new(Keep)),
        ("unchanged|alone|as is|as it is|as they are|untouched|intact|the way it is|the way they are|original|natural", new(Unchanged)),
        ("touch|mess with|mess up|affect", new(Touch)),
        ("more|increase|increased|raise|raised|boost|boosted|enhance|enhanced|higher|high|up|lift|bump up|turn up|dial up|crank up|punch up|amp up|push|stronger|deepen|deeper|intensify", new(Increase)),
        ("less|lower|lowered|reduce|reduced|decrease|decreased|down|low|tone down|turn down|dial down|cut down|weaker|bring down|pull down|lessen|minimise|minimize", new(Decrease)),
        ("off|drain|drained|suck out|strip the colour|take the colour out", new(Off)),
        ("fix|fix that|fix it|fix this|correct that|correct it|sort that out|sort it out", new(Fix)),

        ("top|upper", new(Cat.Anchor, Row: -1)),
        ("lower left|lower left corner", new(Cat.Anchor, Row: 1, Col: -1)),
        ("lower right|lower right corner", new(Cat.Anchor, Row: 1, Col: 1)),
        ("lower middle|lower centre|lower center|lower edge", new(Cat.Anchor, Row: 1)),
        ("bottom", new(Cat.Anchor, Row: 1)),
        ("left", new(Cat.Anchor, Col: -1)),
        ("right", new(Cat.Anchor, Col: 1)),
        ("centre|center|middle|centred|centered|central", new(Cat.Anchor, Centre: true)),
        ("corner|corners", new(Corner)),
        ("side|edge|area|part|spot|position of the frame", new(Filler)),
        ("slightly|slight|a bit|a little|a little bit|a touch|a tad|subtle|subtly|gently|gentle|somewhat|mildly|mild|lightly|a hint|just a little|a smidge|kind of|kinda|sort of|a little more|bit", new(Small)),
        ("much|very|a lot|strongly|strong|significantly|heavily|heavy|really|way|extremely|dramatically|completely|fully|totally|intensely|intense|super|drastically|so much|way more|lots|lot", new(Large)),
        ("small|smaller|tiny|little", new(SizeSmall)),
        ("large|larger|big|bigger|huge", new(SizeLarge)),
        ("%|percent|per cent", new(Percent)),
        ("first|1st", new(Ordinal, Index: 0)),
        ("second|2nd", new(Ordinal, Index: 1)),
        ("third|3rd", new(Ordinal, Index: 2)),
        ("fourth|4th", new(Ordinal, Index: 3)),
        ("fifth|5th", new(Ordinal, Index: 4)),
        ("last|final", new(Ordinal, Index: Modifiers.LastReference)),

        ("no|not|don't|dont|do not|never|without|avoid|nor|stop|none|nothing|isn't|aren't|doesn't|won't|shouldn't|no need to|skip|instead of|rather than", new(Negation)),
        // An exclusion ("except the face") or a comparison ("warmer than image 2") asks for a region or a measured match this engine cannot do.
        ("except|except for|apart from|other than|excluding|than|invert|inverted|negative|inverse", new(Hard)),
        ("too|overly|excessively|way too|far too|much too|too much|a bit too|a little too|bit too|so so", new(Too)),
        ("is|are|was|were|it's|looks|seems|seem|came out|comes out|turned out|feels|that's|has", new(Be)),
        ("want|wanted|need|needs|should|wanna|would like|i'd like|i would like|i want|i need|would love|i'd love|hoping for|looking for|prefer|go for|aim for", new(Want)),
        ("fine|ok|okay|good|great|perfect|alright|right as it is|nice as it is", new(Fine)),
        ("just|only|simply|merely|instead|rather", new(Only)),
        ("and|then|also|plus|but|while|afterwards|after that|as well as|additionally|as well|finally|next|lastly|so|and then|and also|after|before that|on top of that|together with|along with|with also|&", new(And)),
        ("i|we|i'm|i've|i'd|we're|we'd|my|our|mine|his|their|you|your|u|it|its|this|that|these|those|they|there|there's|here|he|she|what's|let's|he's|she's", new(Subject)),
        ("please|pls|plz|thanks|thank you|thank|thx|ty|cheers|could you|can you|would you|will you|would you mind|do you mind|mind|kindly|hi|hey|hello|hello there|yo|dear|sir|if possible|if you can|if you could|for me|thanks in advance|in advance|appreciate it|much appreciated|sorry|wow|lol|ok so|um|uh|oh|hmm|could|can|would|will|may|might|possible|be possible|is it possible", new(Polite)),
        ("new|size|sized|scale|width|wide|a|an|the|to|of|for|in|on|at|into|onto|with|by|from|as|be|been|being|have|had|of it|some|any|bit of|kind|sort|type|one|ones|one in|thing|things|stuff|whole|entire|overall|all|both|each|every|am|being|if|when|where|which|who|how|what|about|around|over|under|through|across|toward|towards|than|then again|really really|again|now|yet|still|even|ever|little bit|version|mode|way it looks|looking|looks like it|feel of|vibe of|sense|glow|cozy|hue of|shade|shades|levels|level|amount|image quality|tad bit|the same way|out|in it|its own|lit|please do|do it|go ahead|also please|too please|again please|i think|i guess|maybe|perhaps|possibly|basically|actually|literally|honestly|quite|pretty|fairly|enough|exactly|precisely|entirely|whole clip|whole frame|full|overall look|thanks so much|thank you so much|thanks a lot|a lot of|everywhere|throughout|sure|make sure|ensure", new(Filler)),

        ("face|faces|facial|facial features|every face|all faces|all the faces|everyone's face|everyone's faces|everybody's face|everybody's faces|people's faces|their faces", new(Face)),
        ("anonymise|anonymize|anonymised|anonymized|anonymising|anonymizing|anonymous|unrecognisable|unrecognizable|censor|censored|obscure|obscured|hide|hidden|blot out|blur out|blank out", new(Anonymise)),
        ("pixelate|pixelated|pixelating|pixelise|pixelize|pixelised|pixelized|pixellate|pixellated|pixel out|mosaic|mosaicked", new(Anonymise, Sign: 1)),
        ("everyone|everybody|bystanders|bystander|passers by|passersby|passer by|pedestrians|pedestrian|crowd|the crowd|strangers|onlookers", new(Cat.Person)),
        ("eyes|eye|hair|hairstyle|haircut|blonde|makeup|make up|smile|smiling|expression|teeth|skin|taller|shorter|thinner|slimmer|slim|fatter|younger|older|age|beard|lips|nose|body|legs|arms|hands|hand", new(Hard)),
        ("anime|cartoon|cartoons|manga|ghibli|pixar|disney|comic|sketch|painting|oil painting|watercolour|watercolor|pixel art|3d|claymation|lego|van gogh|picasso|monet|cyberpunk|steampunk|vaporwave|impressionist|impressionism|surreal|cinematic|dreamy|dramatic|moody|professional|better|nicer|prettier|beautiful|nice|aesthetic edit|teal|magenta|hdr|lomo|glitch|vhs|neon|glow effect|bloom|halation", new(Hard)),
        ("dance|dancing|dances|dog|dogs|puppy|cat|cats|kitten|car|cars|vehicle|bird|birds|animal|animals|horse|sky|skies|cloud|clouds|sun|sunset|moon|stars|rain|raining|snow|snowing|snowfall|fire|smoke|explosion|fireworks|sparkles|sparkle|glitter|confetti|lights|lamp|hat|glasses|sunglasses|tree|trees|building|buildings|sea|ocean|water|object|objects|wall|floor|table|window", new(Hard)),
        ("letters|font|time lapse|timelapse|rotate|rotated|rotation|degrees|zoom|zoom in|zoom out|crop|cropped|cropping|upscale|upscaled|4k|hd|1080p|720p|resolution|music|song|audio|sound|mute|volume|voice|narration|loop|looped|longer|extend|transition|transitions|animate|animated|animation|generate|frame rate|fps|interpolate|gif", new(Hard)),
        ("vignette|vignetting|vignetted|dark corners|darker corners|darken the corners|darkened corners|dark edges|darker edges", new(Effect, Effect: EffectKind.Vignette)),
        ("film grain|grain|grainy|grainier|film noise|add grain", new(Effect, Effect: EffectKind.Grain)),
        ("noise|noisy|digital noise|sensor noise|speckles", new(Effect, Effect: EffectKind.Denoise, Problem: true)),
        ("denoise|denoised|denoising|de noise|noise reduction|reduce noise|reduce the noise|remove noise|remove the noise|less noise|clean up the noise|noise free", new(Effect, Effect: EffectKind.Denoise)),
        ("fade in|fade in from black|fade from black|fades in|fading in|fade up from black", new(Effect, Effect: EffectKind.FadeIn)),
        ("fade out|fade out to black|fade to black|fades out|fading out|fade it out", new(Effect, Effect: EffectKind.FadeOut)),
        ("fade in and out|fade in and fade out|fades in and out|fade in and out of black|fade in and out from black", new(Effect, Effect: EffectKind.FadeBoth)),
        ("day for night|day to night|night look|night time look|nighttime look|night scene|nighttime|night time|night|moonlight|moonlit", new(Effect, Effect: EffectKind.DayForNight)),
        ("cartoon style|cartoon look|cartoon filter|cartoon effect|cartoonish|cartoony|cartoonify|cartoonize|cartoonise|toon shaded|cel shaded|cel shading|posterise|posterize|posterised|posterized|posterisation|posterization", new(Effect, Effect: EffectKind.Cartoon)),
        ("stabilise|stabilize|stabilised|stabilized|stabilising|stabilizing|stabilisation|stabilization|steady|steadier|deshake|de shake|anti shake|less shaky", new(Effect, Effect: EffectKind.Stabilise)),
        ("shaky|shake|shaking|camera shake|wobbly|jittery|jitter|shakiness|handheld shake", new(Effect, Effect: EffectKind.Stabilise, Problem: true)),
        ("sharpen|sharpened|sharpening|sharper|crisper|sharpness|more detail|more details|more definition", new(Effect, Effect: EffectKind.Sharpen)),
        ("reverse|reversed|reversing|backwards|backward|play backwards|play it backwards|in reverse|rewind|rewound", new(Effect, Effect: EffectKind.Reverse)),
        ("speed up|speed it up|sped up|faster|quicker|fast forward|fast motion|fast|as fast|speedier|accelerate|accelerated", new(Speed, Sign: 1)),
        ("slow down|slow it down|slowed down|slower|slow|slowed|decelerate|slow motion|slowmo|slow mo|slo mo|slomo|in slow motion|slow motion effect", new(Speed, Sign: -1)),
        ("speed|playback speed|pace|tempo|playback rate|speed of the video", new(Speed)),
        ("x|times", new(Times)),
        ("play|played|playing|playback|play it|plays", new(Filler)),
        ("half", new(Cat.Number, Value: 0.5)),
        ("twice|double", new(Cat.Number, Value: 2)),
        ("quarter", new(Cat.Number, Value: 0.25)),
        ("seconds|secs|sec|s", new(Seconds)),
        ("beginning|start|the start|opening|intro|the beginning", new(Part, Value: -1)),
        ("end|ending|the end|outro", new(Part, Value: 1)),
        ("cut off|chop off|chop|snip off", new(Cut, Sign: -1)),
        ("trim|trimmed|trim it|cut|cut it|shorten|shorten it|shortened", new(Cut)),
        ("title|titles|heading|headline", new(TextWord, Row: -1)),
        ("caption|captions|subtitle|subtitles|lower third", new(TextWord, Row: 1)),
        ("text|words|the words|the text", new(TextWord)),
        ("look like|looks like|look similar to|looks similar to|make it look like|look just like|in the style of|styled like", new(LooksLike)),
    ];
}
