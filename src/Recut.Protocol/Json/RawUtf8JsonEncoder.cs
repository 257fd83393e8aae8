using System.Text.Encodings.Web;

namespace Recut.Protocol.Json;

/// <summary>
/// Writes JSON strings as DashScope does: every character as raw UTF-8, escaping only what JSON itself requires
/// (quote, backslash, control characters) and lone surrogates, which are not text. The framework's encoders —
/// even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> — still write emoji, zero-width joiners and other
/// format characters as <c>\uXXXX</c>, which is valid JSON but not what clients of the real service see, and turns a
/// user's own prompt unreadable in logs and terminals. Bodies are never embedded in HTML, so HTML-sensitive
/// characters need no escape here.
/// </summary>
public sealed class RawUtf8JsonEncoder : JavaScriptEncoder
{
    public static readonly RawUtf8JsonEncoder Instance = new();

    private RawUtf8JsonEncoder()
    {
    }

    /// <summary>"\u00XX" is the longest form one input char can take.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' || unicodeScalar is >= 0xD800 and <= 0xDFFF;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x20 || c is '"' or '\\')
            {
                return i;
            }
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++; // a well-formed pair is one character, written raw
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var output = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> text = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ when WillEncode(unicodeScalar) => $"\\u{unicodeScalar:X4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };
        if (text.Length > output.Length)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        text.CopyTo(output);
        numberOfCharactersWritten = text.Length;
        return true;
    }
}
