using System.Text.Json.Nodes;
using Recut.Protocol.Json;
using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class FingerprintTests
{
    private static string Of(JsonObject body, Dialect dialect = Dialect.DashScope) =>
        RequestFingerprint.Compute(Bodies.Accepted(body, dialect));

    [Fact]
    public void Fingerprint_is_lower_case_sha256_hex()
    {
        var fingerprint = Of(Bodies.Valid());
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
    }

    [Fact]
    public void Same_request_gives_the_same_fingerprint()
    {
        Assert.Equal(Of(Bodies.Valid()), Of(Bodies.Valid()));
    }

    [Fact]
    public void Formatting_key_order_unknown_keys_and_spelled_out_defaults_do_not_change_it()
    {
        const string compact =
            "{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"p\",\"media\":[{\"type\":\"video\",\"url\":\"https://a.example/v.mp4\"}]}}";
        const string reordered = """
            {
              "parameters": { "resolution": "1080p", "duration": 0, "prompt_extend": true, "watermark": false, "audio_setting": "auto" },
              "input": { "extend_prompt": true, "media": [ { "url": "https://a.example/v.mp4", "type": "video" } ], "prompt": "p" },
              "model": "wan2.7-videoedit"
            }
            """;
        var a = CreateRequestParser.Parse(compact, Dialect.DashScope);
        var b = CreateRequestParser.Parse(reordered, Dialect.DashScope);
        Assert.True(a.IsValid && b.IsValid);
        Assert.Equal(RequestFingerprint.Compute(a.Request!), RequestFingerprint.Compute(b.Request!));
    }

    [Fact]
    public void Any_difference_that_matters_changes_it()
    {
        var baseline = Of(Bodies.Valid());
        var changed = new List<string>();

        var prompt = Bodies.Valid();
        prompt.Input()["prompt"] = "make it rain";
        changed.Add(Of(prompt));

        var video = Bodies.Valid();
        video.MediaList()[0] = Bodies.Media("video", "https://media.example.com/other.mp4");
        changed.Add(Of(video));

        changed.Add(Of(Bodies.WithImages(2)));
        changed.Add(Of(Bodies.Valid().WithParameters(new JsonObject { ["seed"] = 1 })));
        changed.Add(Of(Bodies.Valid().WithParameters(new JsonObject { ["watermark"] = true })));
        changed.Add(Of(Bodies.Valid().WithParameters(new JsonObject { ["ratio"] = "1:1" })));
        changed.Add(Of(Bodies.Valid().WithParameters(new JsonObject { ["resolution"] = "1080P" }), Dialect.Apiyi));

        Assert.All(changed, c => Assert.NotEqual(baseline, c));
        Assert.Equal(changed.Count, changed.Distinct().Count());
    }

    [Fact]
    public void Dialect_is_part_of_the_fingerprint()
    {
        // Same bytes on two routes are two different requests (their defaults differ).
        var body = Bodies.Valid().WithParameters(new JsonObject { ["resolution"] = "720P" });
        Assert.NotEqual(Of(body, Dialect.DashScope), Of(body, Dialect.Apiyi));
    }

    [Fact]
    public void Edit_request_round_trips_through_protocol_json_with_the_dialect_as_a_name()
    {
        var request = Bodies.Accepted(Bodies.Valid().WithParameters(new JsonObject { ["seed"] = 7 }), Dialect.Apiyi);
        var json = ProtocolJson.Serialize(request);
        Assert.Contains("\"dialect\":\"Apiyi\"", json);
        Assert.Contains("\"reference_image_urls\":[", json);
        var back = ProtocolJson.Deserialize<EditRequest>(json);
        Assert.NotNull(back);
        Assert.Equal(RequestFingerprint.Compute(request), RequestFingerprint.Compute(back));
        Assert.Equal(Dialect.Apiyi, back.Dialect);
        Assert.Equal(request.ReferenceImageUrls, back.ReferenceImageUrls);
    }

    [Fact]
    public void Dialect_written_as_a_number_is_still_read()
    {
        var json = "{\"video_url\":\"https://a.example/v.mp4\",\"dialect\":1}";
        Assert.Equal(Dialect.Apiyi, ProtocolJson.Deserialize<EditRequest>(json)!.Dialect);
    }
}
