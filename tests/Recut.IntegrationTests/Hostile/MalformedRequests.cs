using System.Text;
using System.Text.Json.Nodes;

namespace Recut.IntegrationTests.Hostile;

/// <summary>One malformed create request: what kind of damage, the body bytes and the content type sent.</summary>
public sealed record MalformedRequest(string Category, byte[] Body, string ContentType)
{
    public override string ToString() =>
        $"{Category}: {ContentType} {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
}

/// <summary>
/// Builds damaged create requests from a valid one. Each category is a way real clients and attackers get it
/// wrong; the random seed picks the details so CsCheck can shrink a failure to a small case.
/// </summary>
public static class MalformedRequests
{
    public static readonly string[] Categories =
    [
        "wrong-type", "missing-field", "huge-string", "odd-unicode", "deep-json", "duplicate-key",
        "wrong-content-type", "oversize-body", "bad-url", "bad-enum", "truncated-json", "not-an-object",
    ];

    private static readonly string[] FieldPaths =
    [
        "model", "input", "input.prompt", "input.negative_prompt", "input.media", "input.media.0", "input.media.0.type",
        "input.media.0.url", "input.media.1.url", "parameters", "parameters.resolution", "parameters.ratio",
        "parameters.duration", "parameters.audio_setting", "parameters.prompt_extend", "parameters.watermark", "parameters.seed",
    ];

    private static readonly Func<Random, JsonNode?>[] WrongValues =
    [
        _ => JsonValue.Create(42), _ => JsonValue.Create(-1.5), _ => JsonValue.Create(true), _ => null,
        _ => JsonValue.Create("5"), _ => new JsonArray(1, 2), _ => new JsonObject { ["x"] = 1 },
        _ => JsonValue.Create(long.MaxValue), _ => JsonValue.Create(""), r => JsonValue.Create(new string('9', r.Next(20, 400))),
    ];

    private static readonly string[] OddStrings =
    [
        "\u200b\u200b\u200b", "\u202eevil\u202c", "😀🎬🎞️", "\0nul", "e\u0301\u0301\u0301", "把视频调成参考图的色调",
        "\ufeffbom", "\ud83d", "a\udc00b", "\u0000\u0001\u0002", "<script>alert(1)</script>", "'; DROP TABLE tasks; --",
        "../../../../etc/passwd", "%00%2e%2e", "\r\nX-Injected: yes",
    ];

    public static MalformedRequest Make(int categoryIndex, int seed, string videoUrl, string imageUrl)
    {
        var r = new Random(seed);
        var category = Categories[categoryIndex % Categories.Length];
        var body = ValidBody(videoUrl, imageUrl);
        switch (category)
        {
            case "wrong-type":
                Set(body, FieldPaths[r.Next(FieldPaths.Length)], WrongValues[r.Next(WrongValues.Length)](r));
                return Json(category, body);
            case "missing-field":
                Remove(body, FieldPaths[r.Next(FieldPaths.Length)]);
                return Json(category, body);
            case "huge-string":
                Set(body, FieldPaths[r.Next(FieldPaths.Length)], JsonValue.Create(new string((char)r.Next('a', 'z'), r.Next(5_001, 200_000))));
                return Json(category, body);
            case "odd-unicode":
                var odd = OddStrings[r.Next(OddStrings.Length)];
                var path = new[] { "model", "input.prompt", "input.media.0.url", "input.media.0.type", "parameters.ratio" }[r.Next(5)];
                // Lone surrogates cannot pass through System.Text.Json as text: write them as raw escapes.
                Set(body, path, JsonValue.Create("__ODD__"));
                var text = body.ToJsonString().Replace("__ODD__", Escape(odd), StringComparison.Ordinal);
                return new MalformedRequest(category, Encoding.UTF8.GetBytes(text), "application/json");
            case "deep-json":
                var depth = r.Next(65, 5_000);
                var deep = new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();
                var where = r.Next(3);
                var deepText = where switch
                {
                    0 => deep,
                    1 => body.ToJsonString().Replace("\"parameters\":{", "\"parameters\":{\"x\":" + deep + ",", StringComparison.Ordinal),
                    _ => new StringBuilder().Insert(0, "[", depth).Append(']', depth).ToString(),
                };
                return new MalformedRequest(category, Encoding.UTF8.GetBytes(deepText), "application/json");
            case "duplicate-key":
                var dup = new[] { "\"model\":\"wan2.7-videoedit\",", "\"input\":{},", "\"parameters\":{}," }[r.Next(3)];
                return new MalformedRequest(category, Encoding.UTF8.GetBytes("{" + dup + body.ToJsonString()[1..]), "application/json");
            case "wrong-content-type":
                var ct = new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml" }[r.Next(4)];
                var payload = r.Next(2) == 0 ? body.ToJsonString() : "model=wan2.7-videoedit&prompt=hi";
                return new MalformedRequest(category, Encoding.UTF8.GetBytes(payload), ct);
            case "oversize-body":
                Set(body, "input.prompt", JsonValue.Create(new string('x', r.Next(1_100_000, 3_000_000))));
                return Json(category, body);
            case "bad-url":
                var url = new[] { "file:///etc/passwd", "ftp://example.com/a.mp4", "data:video/mp4;base64,AAAA", "javascript:alert(1)",
                    "//no-scheme.example/a.mp4", "http://", "gopher://127.0.0.1:6379/_FLUSHALL", "not a url", "oss://", new string('h', 5000) }[r.Next(10)];
                Set(body, r.Next(2) == 0 ? "input.media.0.url" : "input.media.1.url", JsonValue.Create(url));
                return Json(category, body);
            case "bad-enum":
                var (field, value) = new[] { ("parameters.resolution", "4K"), ("parameters.ratio", "2:1"), ("parameters.audio_setting", "loud"),
                    ("parameters.duration", "11"), ("parameters.duration", "1"), ("parameters.seed", "-1"), ("parameters.seed", "2147483648"),
                    ("input.media.0.type", "audio"), ("model", "wan2.7-video-edit"), ("model", "gpt-4") }[r.Next(10)];
                Set(body, field, long.TryParse(value, out var n) ? JsonValue.Create(n) : JsonValue.Create(value));
                return Json(category, body);
            case "truncated-json":
                var full = body.ToJsonString();
                return new MalformedRequest(category, Encoding.UTF8.GetBytes(full[..r.Next(0, full.Length - 1)]), "application/json");
            default:
                var notObject = new[] { "[]", "null", "42", "\"text\"", "true", "", " " }[r.Next(7)];
                return new MalformedRequest(category, Encoding.UTF8.GetBytes(notObject), "application/json");
        }
    }

    public static JsonObject ValidBody(string videoUrl, string imageUrl) => new()
    {
        ["model"] = "wan2.7-videoedit",
        ["input"] = new JsonObject
        {
            ["prompt"] = "make it black and white",
            ["negative_prompt"] = "blurry",
            ["media"] = new JsonArray
            {
                new JsonObject { ["type"] = "video", ["url"] = videoUrl },
                new JsonObject { ["type"] = "reference_image", ["url"] = imageUrl },
            },
        },
        ["parameters"] = new JsonObject
        {
            ["resolution"] = "720P", ["ratio"] = "16:9", ["duration"] = 0, ["audio_setting"] = "auto",
            ["prompt_extend"] = true, ["watermark"] = false, ["seed"] = 1,
        },
    };

    private static MalformedRequest Json(string category, JsonObject body) =>
        new(category, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");

    private static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            sb.Append(c < 0x20 || c is '"' or '\\' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return sb.ToString();
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Walk(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count:
                a[i] = value;
                break;
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, last) = Walk(root, path);
        switch (parent)
        {
            case JsonObject o:
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
        }
    }

    private static (JsonNode? Parent, string Last) Walk(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var p in parts[..^1])
        {
            node = node switch
            {
                JsonObject o => o[p],
                JsonArray a when int.TryParse(p, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return (node, parts[^1]);
    }
}
