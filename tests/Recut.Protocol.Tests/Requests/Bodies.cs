using System.Text.Json.Nodes;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

/// <summary>Builds create bodies from a valid one, so each test changes just the thing it is about.</summary>
internal static class Bodies
{
    public const string Video = "https://media.example.com/in.mp4";
    public const string Image = "https://media.example.com/ref.png";

    /// <summary>Valid on both routes: one video, one reference image, a prompt, no parameters.</summary>
    public static JsonObject Valid() => new()
    {
        ["model"] = "wan2.7-videoedit",
        ["input"] = new JsonObject
        {
            ["prompt"] = "make it snow",
            ["media"] = new JsonArray { Media("video", Video), Media("reference_image", Image) },
        },
    };

    public static JsonObject Media(string type, string url) => new() { ["type"] = type, ["url"] = url };

    public static JsonObject Input(this JsonObject body) => body["input"]!.AsObject();

    public static JsonArray MediaList(this JsonObject body) => body.Input()["media"]!.AsArray();

    /// <summary>The body with <c>parameters</c> set to the given object.</summary>
    public static JsonObject WithParameters(this JsonObject body, JsonObject parameters)
    {
        body["parameters"] = parameters;
        return body;
    }

    /// <summary>A valid body whose media are one video and <paramref name="images"/> reference images.</summary>
    public static JsonObject WithImages(int images)
    {
        var body = Valid();
        var media = new JsonArray { Media("video", Video) };
        for (var i = 0; i < images; i++)
        {
            media.Add(Media("reference_image", $"https://media.example.com/ref{i}.png"));
        }
        body.Input()["media"] = media;
        return body;
    }

    public static ParseResult Parse(JsonNode body, Dialect dialect) =>
        CreateRequestParser.Parse(body.ToJsonString(), dialect);

    public static EditRequest Accepted(JsonNode body, Dialect dialect)
    {
        var result = Parse(body, dialect);
        Assert.True(result.IsValid, result.Error?.Code + ": " + result.Error?.Message);
        return result.Request;
    }

    public static ApiError Rejected(JsonNode body, Dialect dialect, string code) =>
        Rejected(body.ToJsonString(), dialect, code);

    public static ApiError Rejected(string body, Dialect dialect, string code)
    {
        var result = CreateRequestParser.Parse(body, dialect);
        Assert.False(result.IsValid, "expected the body to be rejected: " + body);
        Assert.Null(result.Request);
        Assert.Equal(code, result.Error.Code);
        return result.Error;
    }
}
