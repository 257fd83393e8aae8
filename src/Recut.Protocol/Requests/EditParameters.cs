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
    long? Seed,
    string? WebhookUrl = null,
    string? WebhookEvents = null)
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
        var webhook = ReadWebhookUrl(parameters);
        return new EditParameters(
            ReadResolution(parameters) ?? defaults.Resolution,
            ReadChoice(parameters, "ratio", OutputSize.Ratios),
            ReadDuration(parameters) ?? defaults.Duration,
            ReadChoice(parameters, "audio_setting", AudioSettings) ?? defaults.AudioSetting,
            ReadBool(parameters, "prompt_extend") ?? defaults.PromptExtend,
            ReadBool(parameters, "watermark") ?? defaults.Watermark,
            ReadSeed(parameters)) with
        {
            WebhookUrl = webhook,
            WebhookEvents = webhook is null ? null : ReadWebhookEvents(parameters),
        };
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

    // The syntax only: the server refuses a literal address its policy forbids at create, and checks names at
    // delivery on every connection (a DNS answer may change), with the same guard as media fetching.
    private static string? ReadWebhookUrl(JsonElement parameters)
    {
        const string field = "parameters.webhook_url";
        if (!JsonFields.TryGet(parameters, "webhook_url", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return Webhooks.WebhookUrl.Normalize(JsonFields.AsString(value))
            ?? throw JsonFields.InvalidValue(field, Webhooks.WebhookUrl.Expected, value);
    }

    private static string ReadWebhookEvents(JsonElement parameters)
    {
        const string field = "parameters.webhook_events";
        if (!JsonFields.TryGet(parameters, "webhook_events", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Webhooks.WebhookEvents.DefaultFilter;
        }
        string? normalized = null;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            normalized = Webhooks.WebhookEvents.Normalize(value.EnumerateArray().Select(e => e.GetString()!), out _);
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            normalized = Webhooks.WebhookEvents.Normalize(value.GetString()!, out _);
        }
        return normalized ?? throw JsonFields.InvalidValue(field, "a list of events: " + Webhooks.WebhookEvents.Accepted, value);
    }
}
