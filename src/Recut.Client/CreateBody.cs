using System.Text.Json.Nodes;

namespace Recut.Client;

/// <summary>The create request body; only parameters the caller set are sent, so server defaults apply.</summary>
public static class CreateBody
{
    public static JsonObject Build(EditTaskSpec spec)
    {
        var media = new JsonArray { new JsonObject { ["type"] = "video", ["url"] = spec.VideoUrl } };
        foreach (var url in spec.ReferenceImageUrls)
        {
            media.Add(new JsonObject { ["type"] = "reference_image", ["url"] = url });
        }
        var input = new JsonObject { ["media"] = media };
        if (spec.Prompt is not null)
        {
            input["prompt"] = spec.Prompt;
        }
        if (spec.NegativePrompt is not null)
        {
            input["negative_prompt"] = spec.NegativePrompt;
        }
        var parameters = new JsonObject();
        Set(parameters, "resolution", spec.Resolution);
        Set(parameters, "ratio", spec.Ratio);
        if (spec.Duration is { } d)
        {
            parameters["duration"] = d;
        }
        Set(parameters, "audio_setting", spec.AudioSetting);
        if (spec.PromptExtend is { } pe)
        {
            parameters["prompt_extend"] = pe;
        }
        if (spec.Watermark is { } w)
        {
            parameters["watermark"] = w;
        }
        if (spec.Seed is { } s)
        {
            parameters["seed"] = s;
        }
        Set(parameters, "webhook_url", spec.WebhookUrl);
        if (spec.WebhookEvents is { } events)
        {
            parameters["webhook_events"] = new JsonArray([.. events.Select(e => (JsonNode?)JsonValue.Create(e))]);
        }
        return new JsonObject { ["model"] = spec.Model, ["input"] = input, ["parameters"] = parameters };
    }

    private static void Set(JsonObject o, string name, string? value)
    {
        if (value is not null)
        {
            o[name] = value;
        }
    }
}
