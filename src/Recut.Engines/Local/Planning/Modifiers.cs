using System.Text.RegularExpressions;
using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Planning;

/// <summary>Reads the modifiers of a clause in either language: intensity, anchor, reference image, colour, size.</summary>
internal static class Modifiers
{
    public const double Small = 0.5;
    public const double Normal = 1.0;
    public const double Large = 1.6;

    /// <summary>Sentinel for "the last image", resolved once the number of images is known.</summary>
    public const int LastReference = -1;

    public static double Intensity(string clause)
    {
        if (EnglishVocabulary.Small.IsMatch(clause) || ChineseVocabulary.Small.IsMatch(clause))
        {
            return Small;
        }
        return EnglishVocabulary.Large.IsMatch(clause) || ChineseVocabulary.Large.IsMatch(clause) ? Large : Normal;
    }

    public static Anchor? FindAnchor(string text)
    {
        foreach (var (pattern, anchor) in EnglishVocabulary.Anchors.Concat(ChineseVocabulary.Anchors))
        {
            if (pattern.IsMatch(text))
            {
                return anchor;
            }
        }
        return null;
    }

    /// <summary>The overlay width as a fraction of the frame: "20%", "small", "large", or the default.</summary>
    public static double OverlayScale(string clause)
    {
        var percent = Percent.Match(clause);
        if (percent.Success)
        {
            return Math.Clamp(int.Parse(percent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 100.0, 0.05, 0.6);
        }
        if (EnglishVocabulary.SmallSize.IsMatch(clause) || ChineseVocabulary.SmallSize.IsMatch(clause))
        {
            return OverlayOp.SmallScale;
        }
        return EnglishVocabulary.LargeSize.IsMatch(clause) || ChineseVocabulary.LargeSize.IsMatch(clause)
            ? OverlayOp.LargeScale
            : OverlayOp.DefaultScale;
    }

    /// <summary>
    /// The reference image a clause names ("image 2", "the second picture", "图2", "第二张"), 0-based: a mention inside
    /// the match wins, else the one nearest to it. Null when none is named.
    /// </summary>
    public static int? FindReference(string clause, int matchStart, int matchEnd)
    {
        var mentions = new List<(int Position, int Index)>();
        foreach (var (pattern, read) in EnglishVocabulary.ReferenceMentions.Concat(ChineseVocabulary.ReferenceMentions))
        {
            foreach (Match m in pattern.Matches(clause))
            {
                if (read(m) is { } index)
                {
                    mentions.Add((m.Index, index));
                }
            }
        }
        if (mentions.Count == 0)
        {
            return null;
        }
        var inside = mentions.Where(m => m.Position >= matchStart && m.Position < matchEnd).ToList();
        if (inside.Count > 0)
        {
            return inside.MinBy(m => m.Position).Index;
        }
        return mentions.MinBy(m => m.Position < matchStart ? matchStart - m.Position : m.Position - matchEnd).Index;
    }

    /// <summary>A named solid colour for a background, e.g. "white" or "白".</summary>
    public static NamedColour? FindColour(string text)
    {
        foreach (var (pattern, colour) in EnglishVocabulary.Colours.Concat(ChineseVocabulary.Colours))
        {
            if (pattern.IsMatch(text))
            {
                return colour;
            }
        }
        return null;
    }

    /// <summary>Maps an ordinal or digit (English or Chinese) to a 0-based image index.</summary>
    public static int? OrdinalToIndex(string word) => word.ToLowerInvariant() switch
    {
        "1" or "first" or "1st" or "一" => 0,
        "2" or "second" or "2nd" or "二" => 1,
        "3" or "third" or "3rd" or "三" => 2,
        "4" or "fourth" or "4th" or "四" => 3,
        "5" or "fifth" or "5th" or "五" => 4,
        "last" or "最后" => LastReference,
        _ => null,
    };

    private static readonly Regex Percent = RegexText.Words(@"(\d{1,2})\s*[%％]");
}

/// <summary>A solid background colour the planner knows by name.</summary>
internal sealed record NamedColour(string Name, byte R, byte G, byte B)
{
    public static readonly NamedColour Green = new("green (chroma-key green)", 0, 177, 64);
    public static readonly NamedColour Blue = new("blue", 0, 71, 187);
    public static readonly NamedColour White = new("white", 255, 255, 255);
    public static readonly NamedColour Black = new("black", 0, 0, 0);
    public static readonly NamedColour Red = new("red", 200, 16, 46);
    public static readonly NamedColour Grey = new("grey", 128, 128, 128);
    public static readonly NamedColour Yellow = new("yellow", 255, 210, 0);
    public static readonly NamedColour Pink = new("pink", 255, 150, 190);
    public static readonly NamedColour Purple = new("purple", 110, 40, 160);
    public static readonly NamedColour Orange = new("orange", 255, 130, 0);
}
