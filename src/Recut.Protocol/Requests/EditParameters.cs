using System.Text.Json;

namespace Recut.Protocol.Requests;

/// <summary>The <c>parameters</c> object of a create request, checked, with the dialect's defaults applied.</summary>
internal sealed record EditParameters(
    string Resolution,
    string? Ratio,
    int Duration,
    string AudioSetting,
    bool PromptExtend,
    bool Watermark,
    long? Seed)
{
    public const int MaxSeed = int.MaxValue;
    public static readonly IReadOnlyList<string> AudioSettings = ["auto", "origin"];

    public static EditParameters Read(JsonElement root, DialectRules rules)
    {
        if (!JsonFields.TryGet(root, "parameters", out var parameters))
        {
            return Defaults(rules);
        }
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.InvalidValue("parameters", "an object", parameters);
        }
        var defaults = Defaults(rules);
        return new EditParameters(
            ReadResolution(parameters) ?? defaults.Resolution,
            ReadChoice(parameters, "ratio", OutputSize.Ratios),
            ReadDuration(parameters) ?? defaults.Duration,
            ReadChoice(parameters, "audio_setting", AudioSettings) ?? defaults.AudioSetting,
            ReadBool(parameters, "prompt_extend") ?? defaults.PromptExtend,
            ReadBool(parameters, "watermark") ?? defaults.Watermark,
            ReadSeed(parameters));
    }

    private static EditParameters Defaults(DialectRules rules) =>
        new(rules.DefaultResolution, null, 0, "auto", PromptExtend: true, Watermark: false, Seed: null);

    // DashScope documents "720P"/"1080P"; third-party gateways write "720p". Accepting either spelling (and storing
    // the canonical upper case) loses nothing, while anything else, e.g. "4K" or "720", is still an error.
    private static string? ReadResolution(JsonElement parameters)
    {
        const string field = "parameters.resolution";
        if (!JsonFields.TryGet(parameters, "resolution", out var value))
        {
            return null;
        }
        var text = JsonFields.AsString(value);
        var match = text is null ? null : OutputSize.Resolutions.FirstOrDefault(r => r.Equals(text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw JsonFields.InvalidValue(field, $"one of: {string.Join(", ", OutputSize.Resolutions)}", value);
    }

    /// <summary>A string from a fixed list, matched exactly.</summary>
    private static string? ReadChoice(JsonElement parameters, string name, IReadOnlyList<string> allowed)
    {
        if (!JsonFields.TryGet(parameters, name, out var value))
        {
            return null;
        }
        var text = JsonFields.AsString(value);
        return text is not null && allowed.Contains(text)
            ? text
            : throw JsonFields.InvalidValue($"parameters.{name}", $"one of: {string.Join(", ", allowed)}", value);
    }

    // Only JSON integers: 5.0 and 5e0 are refused like "5", so that a client's float bug shows up at once.
    private static int? ReadDuration(JsonElement parameters)
    {
        if (!JsonFields.TryGet(parameters, "duration", out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) &&
            (seconds == 0 || seconds is >= 2 and <= 10))
        {
            return seconds;
        }
        throw JsonFields.InvalidValue("parameters.duration", "an integer: 0 or 2-10", value);
    }

    private static bool? ReadBool(JsonElement parameters, string name)
    {
        if (!JsonFields.TryGet(parameters, name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw JsonFields.InvalidValue($"parameters.{name}", "a boolean: true or false", value),
        };
    }

    private static long? ReadSeed(JsonElement parameters)
    {
        if (!JsonFields.TryGet(parameters, "seed", out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seed) && seed is >= 0 and <= MaxSeed)
        {
            return seed;
        }
        throw JsonFields.InvalidValue("parameters.seed", $"an integer: 0-{MaxSeed}", value);
    }
}
