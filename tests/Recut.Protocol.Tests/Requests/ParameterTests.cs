using System.Text.Json.Nodes;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class ParameterTests
{
    [Theory]
    [InlineData(Dialect.Apiyi, "720P")]
    [InlineData(Dialect.DashScope, "1080P")]
    public void Defaults_are_applied_per_dialect(Dialect dialect, string resolution)
    {
        var request = Bodies.Accepted(Bodies.Valid(), dialect);
        Assert.Equal(EditRequest.ModelId, request.Model);
        Assert.Equal(dialect, request.Dialect);
        Assert.Equal(resolution, request.Resolution);
        Assert.Null(request.Ratio);
        Assert.Equal(0, request.Duration);
        Assert.Equal("auto", request.AudioSetting);
        Assert.True(request.PromptExtend);
        Assert.False(request.Watermark);
        Assert.Null(request.Seed);
        Assert.Null(request.NegativePrompt);
        Assert.Equal(Bodies.Video, request.VideoUrl);
        Assert.Equal([Bodies.Image], request.ReferenceImageUrls);
    }

    [Theory]
    [InlineData(Dialect.Apiyi, "720P")]
    [InlineData(Dialect.DashScope, "1080P")]
    public void Empty_or_null_parameters_take_the_defaults(Dialect dialect, string resolution)
    {
        Assert.Equal(resolution, Bodies.Accepted(Bodies.Valid().WithParameters([]), dialect).Resolution);
        var body = Bodies.Valid();
        body["parameters"] = null;
        Assert.Equal(resolution, Bodies.Accepted(body, dialect).Resolution);
    }

    [Fact]
    public void Every_parameter_is_read()
    {
        var body = Bodies.Valid().WithParameters(new JsonObject
        {
            ["resolution"] = "1080P",
            ["ratio"] = "9:16",
            ["duration"] = 7,
            ["audio_setting"] = "origin",
            ["prompt_extend"] = false,
            ["watermark"] = true,
            ["seed"] = 2147483647,
            ["future_knob"] = "ignored",
        });
        var request = Bodies.Accepted(body, Dialect.Apiyi);
        Assert.Equal("1080P", request.Resolution);
        Assert.Equal("9:16", request.Ratio);
        Assert.Equal(7, request.Duration);
        Assert.Equal("origin", request.AudioSetting);
        Assert.False(request.PromptExtend);
        Assert.True(request.Watermark);
        Assert.Equal(2147483647L, request.Seed);
    }

    [Theory]
    [InlineData("720p", "720P")]
    [InlineData("1080p", "1080P")]
    [InlineData("720P", "720P")]
    public void Resolution_is_normalised_to_upper_case(string given, string stored)
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { ["resolution"] = given });
        Assert.Equal(stored, Bodies.Accepted(body, Dialect.DashScope).Resolution);
    }

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    [InlineData("4:3")]
    [InlineData("3:4")]
    public void Every_listed_ratio_is_accepted(string ratio)
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { ["ratio"] = ratio });
        Assert.Equal(ratio, Bodies.Accepted(body, Dialect.DashScope).Ratio);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(10)]
    public void Duration_0_or_2_to_10_is_accepted(int duration)
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { ["duration"] = duration });
        Assert.Equal(duration, Bodies.Accepted(body, Dialect.DashScope).Duration);
    }

    [Fact]
    public void Seed_zero_is_accepted()
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { ["seed"] = 0 });
        Assert.Equal(0L, Bodies.Accepted(body, Dialect.DashScope).Seed);
    }

    [Fact]
    public void Null_parameter_values_read_as_absent()
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { ["resolution"] = null, ["seed"] = null, ["watermark"] = null });
        var request = Bodies.Accepted(body, Dialect.DashScope);
        Assert.Equal("1080P", request.Resolution);
        Assert.Null(request.Seed);
        Assert.False(request.Watermark);
    }

    [Theory]
    [InlineData("resolution", "\"4K\"", "parameters.resolution must be one of: 720P, 1080P; got \"4K\"")]
    [InlineData("resolution", "\"720\"", "parameters.resolution must be one of: 720P, 1080P; got \"720\"")]
    [InlineData("resolution", "720", "parameters.resolution must be one of: 720P, 1080P; got 720")]
    [InlineData("ratio", "\"2:1\"", "parameters.ratio must be one of: 16:9, 9:16, 1:1, 4:3, 3:4; got \"2:1\"")]
    [InlineData("ratio", "\"16*9\"", "parameters.ratio must be one of: 16:9, 9:16, 1:1, 4:3, 3:4; got \"16*9\"")]
    [InlineData("audio_setting", "\"loud\"", "parameters.audio_setting must be one of: auto, origin; got \"loud\"")]
    [InlineData("audio_setting", "\"Auto\"", "parameters.audio_setting must be one of: auto, origin; got \"Auto\"")]
    [InlineData("duration", "\"5\"", "parameters.duration must be an integer: 0 or 2-10; got \"5\"")]
    [InlineData("duration", "11", "parameters.duration must be an integer: 0 or 2-10; got 11")]
    [InlineData("duration", "1", "parameters.duration must be an integer: 0 or 2-10; got 1")]
    [InlineData("duration", "-2", "parameters.duration must be an integer: 0 or 2-10; got -2")]
    [InlineData("duration", "5.5", "parameters.duration must be an integer: 0 or 2-10; got 5.5")]
    [InlineData("duration", "5.0", "parameters.duration must be an integer: 0 or 2-10; got 5.0")]
    [InlineData("duration", "5e0", "parameters.duration must be an integer: 0 or 2-10; got 5e0")]
    [InlineData("duration", "true", "parameters.duration must be an integer: 0 or 2-10; got true")]
    [InlineData("watermark", "\"yes\"", "parameters.watermark must be a boolean: true or false; got \"yes\"")]
    [InlineData("watermark", "1", "parameters.watermark must be a boolean: true or false; got 1")]
    [InlineData("prompt_extend", "\"false\"", "parameters.prompt_extend must be a boolean: true or false; got \"false\"")]
    [InlineData("seed", "-1", "parameters.seed must be an integer: 0-2147483647; got -1")]
    [InlineData("seed", "2147483648", "parameters.seed must be an integer: 0-2147483647; got 2147483648")]
    [InlineData("seed", "99999999999999999999999", "parameters.seed must be an integer: 0-2147483647; got 99999999999999999999999")]
    [InlineData("seed", "1.5", "parameters.seed must be an integer: 0-2147483647; got 1.5")]
    [InlineData("seed", "\"42\"", "parameters.seed must be an integer: 0-2147483647; got \"42\"")]
    public void Wrong_type_or_out_of_range_names_the_field_and_the_allowed_values(string name, string json, string message)
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { [name] = JsonNode.Parse(json) });
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("\"720P\"")]
    [InlineData("[]")]
    [InlineData("5")]
    public void Parameters_that_are_not_an_object_are_invalid_parameter(string json)
    {
        var body = Bodies.Valid();
        body["parameters"] = JsonNode.Parse(json);
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Equal($"parameters must be an object; got {json}", error.Message);
    }

    [Fact]
    public void Long_rejected_values_are_not_echoed_in_full()
    {
        var body = Bodies.Valid().WithParameters(new JsonObject { ["ratio"] = new string('x', 10_000) });
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.EndsWith("…", error.Message);
    }

    [Fact]
    public void Media_is_checked_before_parameters()
    {
        var body = Bodies.WithImages(0).WithParameters(new JsonObject { ["duration"] = "5" });
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Contains("reference_image", error.Message);
    }
}
