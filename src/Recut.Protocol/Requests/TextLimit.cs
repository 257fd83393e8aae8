using System.Globalization;

namespace Recut.Protocol.Requests;

/// <summary>
/// Length limits counted the way upstream counts: in user-perceived characters (text elements), so a CJK
/// character, an accented letter with its combining mark or an emoji each count 1, and a cut never splits one.
/// </summary>
public static class TextLimit
{
    public const int MaxPrompt = 5000;
    public const int MaxNegativePrompt = 500;

    /// <summary>Keeps at most <paramref name="maxElements"/> text elements.</summary>
    public static string Truncate(string text, int maxElements)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxElements);
        // Cheap exit: a string with no more UTF-16 units than the limit cannot have more elements.
        if (text.Length <= maxElements)
        {
            return text;
        }
        var index = 0;
        for (var count = 0; count < maxElements && index < text.Length; count++)
        {
            index += StringInfo.GetNextTextElementLength(text, index);
        }
        return index >= text.Length ? text : text[..index];
    }

    public static int Count(string text) => new StringInfo(text).LengthInTextElements;
}
