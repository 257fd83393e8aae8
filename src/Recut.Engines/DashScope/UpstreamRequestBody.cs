using System.Text.Json.Nodes;
using Recut.Protocol.Requests;

namespace Recut.Engines.DashScope;

/// <summary>The create body sent upstream: the caller's validated request, with media URLs replaced where uploaded.</summary>
public static class UpstreamRequestBody
{
    public static JsonObject Build(EditRequest request, string videoUrl, IReadOnlyList<string> referenceUrls)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(referenceUrls);
        var media = new JsonArray { new JsonObject { ["type"] = "video", ["url"] = videoUrl } };
        foreach (var url in referenceUrls)
        {
            media.Add(new JsonObject { ["type"] = "reference_image", ["url"] = url });
        }
        var input = new JsonObject();
        if (request.Prompt.Length > 0)
        {
            input["prompt"] = request.Prompt;
        }
        if (!string.IsNullOrEmpty(request.NegativePrompt))
        {
            input["negative_prompt"] = request.NegativePrompt;
        }
        input["media"] = media;
        var parameters = new JsonObject
        {
            ["resolution"] = request.Resolution,
            ["duration"] = request.Duration,
            ["audio_setting"] = request.AudioSetting,
            ["prompt_extend"] = request.PromptExtend,
            ["watermark"] = request.Watermark,
        };
        if (request.Ratio is not null)
        {
            parameters["ratio"] = request.Ratio;
        }
        if (request.Seed is { } seed)
        {
            parameters["seed"] = seed;
        }
        return new JsonObject { ["model"] = request.Model, ["input"] = input, ["parameters"] = parameters };
    }
}
