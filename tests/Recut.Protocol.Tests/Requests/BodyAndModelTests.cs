using System.Text;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;

namespace Recut.Protocol.Tests.Requests;

public class BodyAndModelTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"model\": \"wan2.7-videoedit\",}")]
    [InlineData("{'model': 'wan2.7-videoedit'}")]
    [InlineData("{\"model\": \"wan2.7-videoedit\"} trailing")]
    [InlineData("{/* comment */ \"model\": \"wan2.7-videoedit\"}")]
    public void Malformed_json_is_illegal_input(string body)
    {
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.IllegalInput);
        Assert.Equal(400, error.HttpStatus);
        Assert.StartsWith("The request body is not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("[{\"model\": \"wan2.7-videoedit\"}]", "array")]
    [InlineData("\"wan2.7-videoedit\"", "string")]
    [InlineData("42", "number")]
    [InlineData("null", "null")]
    public void Body_that_is_not_an_object_is_illegal_input(string body, string kind)
    {
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.IllegalInput);
        Assert.Contains("must be a JSON object", error.Message);
        Assert.Contains(kind, error.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_illegal_input()
    {
        var deep = new StringBuilder("{\"model\":\"wan2.7-videoedit\",\"junk\":");
        deep.Append('[', CreateRequestParser.MaxDepth).Append(']', CreateRequestParser.MaxDepth).Append('}');
        Bodies.Rejected(deep.ToString(), Dialect.DashScope, ErrorCodes.IllegalInput);
    }

    [Fact]
    public void Nesting_within_the_limit_is_ignored_as_an_unknown_key()
    {
        var body = Bodies.Valid();
        var json = body.ToJsonString();
        var depth = CreateRequestParser.MaxDepth - 1; // the root object is one level
        var nested = json[..^1] + ",\"junk\":" + new string('[', depth) + new string(']', depth) + "}";
        Assert.True(CreateRequestParser.Parse(nested, Dialect.DashScope).IsValid);
    }

    [Theory]
    [InlineData("{\"model\":\"wan2.7-videoedit\",\"model\":\"other\",\"input\":{}}")]
    [InlineData("{\"model\":\"wan2.7-videoedit\",\"input\":{\"prompt\":\"a\",\"prompt\":\"b\"}}")]
    public void Duplicate_property_names_are_illegal_input(string body) =>
        Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.IllegalInput);

    [Fact]
    public void Lone_surrogate_escape_in_a_string_is_illegal_input()
    {
        var body = Bodies.Valid().ToJsonString().Replace("make it snow", "\\ud800", StringComparison.Ordinal);
        Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.IllegalInput);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_illegal_input()
    {
        var bytes = Encoding.UTF8.GetBytes(Bodies.Valid().ToJsonString().Replace("make it snow", "XX", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3; // a lead byte followed by 'X' is not UTF-8
        var result = CreateRequestParser.Parse(bytes, Dialect.DashScope);
        Assert.False(result.IsValid);
        Assert.Equal(ErrorCodes.IllegalInput, result.Error.Code);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_skipped()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes(Bodies.Valid().ToJsonString())).ToArray();
        Assert.True(CreateRequestParser.Parse(bytes, Dialect.DashScope).IsValid);
    }

    [Fact]
    public void Missing_model_is_empty_model()
    {
        var body = Bodies.Valid();
        body.Remove("model");
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.EmptyModel);
        Assert.Equal(ErrorMessages.EmptyModel, error.Message);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Empty_or_null_model_is_empty_model(string model)
    {
        var body = Bodies.Valid().ToJsonString().Replace("\"wan2.7-videoedit\"", model, StringComparison.Ordinal);
        Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.EmptyModel);
    }

    [Fact]
    public void Model_of_the_wrong_type_is_invalid_parameter()
    {
        var body = Bodies.Valid();
        body["model"] = 27;
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.InvalidParameter);
        Assert.Equal("model must be a string; got 27", error.Message);
    }

    [Theory]
    [InlineData("qwen-max")]
    [InlineData("wan2.6-t2v")]
    [InlineData("wanx2.1-t2i-turbo")]
    [InlineData("gpt-4o")]
    [InlineData("---")]
    public void Unrelated_model_is_plain_model_not_found(string model)
    {
        var body = Bodies.Valid();
        body["model"] = model;
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.ModelNotFound);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("Model not exist.", error.Message);
    }

    [Theory]
    [InlineData("wan2.7-video-edit")]
    [InlineData("wan2.7-videoEdit")]
    [InlineData("wan-2.7-videoedit")]
    [InlineData("WAN2.7-VIDEOEDIT")]
    [InlineData(" wan2.7-videoedit ")]
    [InlineData("wan2.6-videoedit")]
    [InlineData("wan2.7-videoedi")]
    [InlineData("wan27-vidoedit")]
    [InlineData("happyhorse-1.0-video-edit")]
    [InlineData("some-videoedit-plus")]
    public void Near_miss_model_names_the_right_id(string model)
    {
        var body = Bodies.Valid();
        body["model"] = model;
        var error = Bodies.Rejected(body, Dialect.Apiyi, ErrorCodes.ModelNotFound);
        Assert.Equal("Model not exist. Did you mean 'wan2.7-videoedit'?", error.Message);
    }

    [Fact]
    public void Model_is_checked_before_input()
    {
        Bodies.Rejected("{\"model\":\"qwen-max\"}", Dialect.DashScope, ErrorCodes.ModelNotFound);
    }

    [Theory]
    [InlineData("{\"model\":\"wan2.7-videoedit\"}")]
    [InlineData("{\"model\":\"wan2.7-videoedit\",\"input\":null}")]
    [InlineData("{\"model\":\"wan2.7-videoedit\",\"input\":\"make it snow\"}")]
    [InlineData("{\"model\":\"wan2.7-videoedit\",\"input\":[]}")]
    public void Missing_or_non_object_input_is_empty_input(string body)
    {
        var error = Bodies.Rejected(body, Dialect.DashScope, ErrorCodes.EmptyInput);
        Assert.Equal(ErrorMessages.EmptyInput, error.Message);
    }

    [Fact]
    public void String_overload_and_byte_overload_agree()
    {
        var json = Bodies.Valid().ToJsonString();
        var fromString = CreateRequestParser.Parse(json, Dialect.Apiyi);
        var fromBytes = CreateRequestParser.Parse(Encoding.UTF8.GetBytes(json), Dialect.Apiyi);
        Assert.Equal(RequestFingerprint.Compute(fromString.Request!), RequestFingerprint.Compute(fromBytes.Request!));
    }
}
