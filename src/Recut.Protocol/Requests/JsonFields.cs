using System.Text.Json;
using Recut.Protocol.Errors;

namespace Recut.Protocol.Requests;

/// <summary>Small readers over a parsed body that turn every surprise into the right <see cref="ApiError"/>.</summary>
internal static class JsonFields
{
    private const int MaxShownValue = 80;

    /// <summary>A member of an object; JSON <c>null</c> counts as absent (SDKs send null for "not set").</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The string value of <paramref name="value"/>, or null when it is not a JSON string.</summary>
    public static string? AsString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape ("\ud800") or bytes that are not UTF-8: the body is not valid text.
            throw IllegalInput("The request body contains a string that is not valid Unicode text.");
        }
    }

    /// <summary>How a rejected value looks in a message: its JSON text, cut short so a huge value is not echoed back.</summary>
    public static string Shown(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= MaxShownValue ? raw : string.Concat(raw.AsSpan(0, MaxShownValue), "…");
    }

    public static ApiErrorException InvalidParameter(string message) => new(ErrorCodes.InvalidParameter, message);

    /// <summary>"{field} must be {expected}; got {value}" — the shape of every wrong-type/out-of-range message.</summary>
    public static ApiErrorException InvalidValue(string field, string expected, JsonElement got) =>
        InvalidParameter($"{field} must be {expected}; got {Shown(got)}");

    public static ApiErrorException IllegalInput(string message) => new(ErrorCodes.IllegalInput, message);
}
