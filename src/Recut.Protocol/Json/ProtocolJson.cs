using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Recut.Protocol.Json;

/// <summary>
/// The one set of JSON options every wire body is written and read with: snake_case names, no indentation,
/// nulls left out (upstream omits absent fields rather than writing null), and relaxed escaping so that
/// "AI生成" or a Chinese prompt stays readable instead of turning into \uXXXX runs.
/// </summary>
public static class ProtocolJson
{
    /// <summary>Read-only options: the protocol's records come from the source-generated context, anything
    /// else (a server's ad-hoc body) falls back to reflection so callers never need a second options object.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<T>(utf8Json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Raw UTF-8 as DashScope sends it: no \uXXXX for CJK, emoji or joiners (see RawUtf8JsonEncoder).
            Encoder = RawUtf8JsonEncoder.Instance,
            WriteIndented = false,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ProtocolJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
