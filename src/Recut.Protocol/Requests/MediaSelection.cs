using System.Text.Json;
using Recut.Protocol.Errors;

namespace Recut.Protocol.Requests;

/// <summary>The media of a create request, checked: one video, the dialect's number of reference images.</summary>
internal sealed record MediaSelection(string VideoUrl, IReadOnlyList<string> ReferenceImageUrls, bool UsesOss)
{
    public const string VideoType = "video";
    public const string ReferenceImageType = "reference_image";
    private const string AllowedTypes = VideoType + ", " + ReferenceImageType;

    /// <summary>Reads <c>input.media</c>; items are checked in order, then the counts.</summary>
    public static MediaSelection Read(JsonElement input, DialectRules rules)
    {
        if (!JsonFields.TryGet(input, "media", out var media))
        {
            throw JsonFields.InvalidParameter(
                "input.media is required: an array of {type, url} objects with exactly one item of type video");
        }
        if (media.ValueKind != JsonValueKind.Array)
        {
            throw JsonFields.InvalidValue("input.media", "an array of {type, url} objects", media);
        }

        var videos = new List<string>();
        var images = new List<string>();
        var index = 0;
        foreach (var item in media.EnumerateArray())
        {
            var (type, url) = ReadItem(item, $"input.media[{index}]");
            (type == VideoType ? videos : images).Add(url);
            index++;
        }

        if (videos.Count != 1)
        {
            throw JsonFields.InvalidParameter(
                $"input.media must contain exactly one item of type video; got {videos.Count}");
        }
        if (images.Count < rules.MinReferenceImages || images.Count > rules.MaxReferenceImages)
        {
            throw JsonFields.InvalidParameter(
                $"input.media must contain {rules.MinReferenceImages}-{rules.MaxReferenceImages} items of type " +
                $"reference_image on the {RouteName(rules.Dialect)} route; got {images.Count}");
        }
        var usesOss = MediaUrlRule.IsOss(videos[0]) || images.Exists(MediaUrlRule.IsOss);
        return new MediaSelection(videos[0], images, usesOss);
    }

    private static (string Type, string Url) ReadItem(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.InvalidValue(path, "an object with string fields type and url", item);
        }
        if (!JsonFields.TryGet(item, "type", out var typeValue))
        {
            throw JsonFields.InvalidParameter($"{path}.type is required: one of {AllowedTypes}");
        }
        var type = JsonFields.AsString(typeValue)
            ?? throw JsonFields.InvalidValue($"{path}.type", $"a string: one of {AllowedTypes}", typeValue);
        if (type is not (VideoType or ReferenceImageType))
        {
            throw JsonFields.InvalidParameter(
                $"{path}.type '{Cut(type)}' is not supported; allowed types: {AllowedTypes}");
        }

        if (!JsonFields.TryGet(item, "url", out var urlValue))
        {
            throw JsonFields.InvalidParameter($"{path}.url is required");
        }
        var url = JsonFields.AsString(urlValue)?.Trim()
            ?? throw JsonFields.InvalidValue($"{path}.url", "a string", urlValue);
        if (url.Length == 0)
        {
            throw JsonFields.InvalidParameter($"{path}.url must not be empty");
        }
        if (MediaUrlRule.Check(url, $"{path}.url") is { } problem)
        {
            throw new ApiErrorException(ErrorCodes.InvalidUrl, problem);
        }
        return (type, url);
    }

    private static string RouteName(Dialect dialect) => dialect == Dialect.Apiyi ? "APIYI" : "DashScope";

    private static string Cut(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
