using System.Globalization;
using System.Text.RegularExpressions;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>
/// Garment colours named in an instruction ("make her jacket navy", "黑色的衣服", "#1060d0"), read by the planner's
/// person rules once a clause names a garment and no reference image. The values are the colours people mean by the words for clothes (navy is a
/// dark blue, not #000080; black cloth is a soft black), not CSS's.
/// </summary>
internal static class GarmentColours
{
    /// <summary>English names, longest first so "light grey" wins over "grey" and "navy blue" over "blue".</summary>
    private static readonly (string Pattern, NamedColour Colour)[] EnglishNames =
    [
        (@"navy(?:\s+blue)?", new("navy", 31, 42, 86)),
        (@"royal\s+blue", new("royal blue", 65, 105, 225)),
        (@"(?:sky|light|baby|pale)\s+blue", new("light blue", 150, 190, 230)),
        (@"dark\s+blue", new("dark blue", 25, 40, 110)),
        (@"(?:light|pale|silver)\s+gr[ae]y|silver", new("light grey", 224, 224, 224)),
        (@"(?:dark|charcoal)\s+gr[ae]y|charcoal", new("dark grey", 64, 64, 64)),
        (@"dark\s+green|forest\s+green|bottle\s+green", new("dark green", 20, 80, 40)),
        (@"olive(?:\s+green)?|army\s+green", new("olive", 100, 105, 45)),
        (@"maroon|burgundy|wine(?:\s+red)?|dark\s+red", new("burgundy", 110, 20, 35)),
        (@"hot\s+pink|fuchsia|magenta", new("hot pink", 220, 40, 140)),
        (@"black", new("black", 32, 32, 32)),
        (@"white", new("white", 245, 245, 245)),
        (@"gr[ae]y", new("grey", 128, 128, 128)),
        (@"blue", new("blue", 30, 80, 200)),
        (@"red", new("red", 200, 30, 30)),
        (@"green", new("green", 40, 150, 60)),
        (@"pink", new("pink", 240, 150, 180)),
        (@"purple|violet", new("purple", 110, 50, 160)),
        (@"lavender|lilac", new("lavender", 180, 160, 220)),
        (@"orange", new("orange", 240, 120, 20)),
        (@"yellow|mustard", new("yellow", 240, 200, 30)),
        (@"gold(?:en)?", new("gold", 200, 160, 50)),
        (@"beige|cream|ivory|off[\s-]white", new("beige", 225, 210, 180)),
        (@"khaki|camel|tan", new("khaki", 190, 160, 110)),
        (@"brown|chocolate|coffee", new("brown", 110, 70, 40)),
        (@"teal|turquoise", new("teal", 0, 128, 128)),
    ];

    private static readonly (string Pattern, NamedColour Colour)[] ChineseNames =
    [
        ("藏青|藏蓝|海军蓝|深蓝", new("navy", 31, 42, 86)),
        ("宝蓝", new("royal blue", 65, 105, 225)),
        ("天蓝|浅蓝", new("light blue", 150, 190, 230)),
        ("浅灰|银灰|银", new("light grey", 224, 224, 224)),
        ("深灰|炭灰", new("dark grey", 64, 64, 64)),
        ("墨绿|深绿", new("dark green", 20, 80, 40)),
        ("军绿|橄榄绿?", new("olive", 100, 105, 45)),
        ("酒红|暗红|枣红", new("burgundy", 110, 20, 35)),
        ("米白|米黄|米色|米", new("beige", 225, 210, 180)),
        ("卡其", new("khaki", 190, 160, 110)),
        ("咖啡|棕|褐", new("brown", 110, 70, 40)),
        ("粉红|粉", new("pink", 240, 150, 180)),
        ("黑", new("black", 32, 32, 32)),
        ("白", new("white", 245, 245, 245)),
        ("灰", new("grey", 128, 128, 128)),
        ("蓝", new("blue", 30, 80, 200)),
        ("红", new("red", 200, 30, 30)),
        ("绿", new("green", 40, 150, 60)),
        ("紫", new("purple", 110, 50, 160)),
        ("橙|橘", new("orange", 240, 120, 20)),
        ("金", new("gold", 200, 160, 50)),
        ("黄", new("yellow", 240, 200, 30)),
        ("青", new("teal", 0, 128, 128)),
    ];

    private const string Hex = @"#(?:[0-9a-f]{6}|[0-9a-f]{3})\b";

    private static readonly Regex HexCode = Words(Hex);
    private static readonly (Regex Pattern, NamedColour Colour)[] Lookup =
        [.. EnglishNames.Select(n => (Words($@"\b(?:{n.Pattern})\b"), n.Colour)), .. ChineseNames.Select(n => (Words(n.Pattern), n.Colour))];

    /// <summary>True when <paramref name="text"/> holds a hex colour code ("#1060d0", "#fff").</summary>
    public static bool HasHexCode(string text) => HexCode.IsMatch(text);

    /// <summary>The garment colour in <paramref name="text"/>: a hex code first, else the earliest-listed name found.</summary>
    public static NamedColour? Find(string text) => FindWithWords(text)?.Colour;

    /// <summary>Like <see cref="Find"/>, with the words of <paramref name="text"/> that named it ("navy blue", "藏青色").</summary>
    public static (NamedColour Colour, string Words)? FindWithWords(string text)
    {
        if (HexCode.Match(text) is { Success: true } hex)
        {
            var digits = hex.Value[1..];
            if (digits.Length == 3)
            {
                digits = string.Concat(digits.Select(d => $"{d}{d}"));
            }
            var v = int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return (new NamedColour(hex.Value.ToLowerInvariant(), (byte)(v >> 16), (byte)(v >> 8), (byte)v), hex.Value);
        }
        // The name that ends last wins ("turn the red jacket navy" means navy); of names ending at the same place the
        // longest does ("light grey", not "grey"; "藏青", not "青").
        NamedColour? best = null;
        var words = "";
        int bestEnd = -1, bestLength = 0;
        foreach (var (pattern, colour) in Lookup)
        {
            for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
            {
                var end = m.Index + m.Length;
                if (end > bestEnd || (end == bestEnd && m.Length > bestLength))
                {
                    (best, bestEnd, bestLength, words) = (colour, end, m.Length, m.Value);
                }
            }
        }
        return best is null ? null : (best, words);
    }

    private static Regex Words(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
}
