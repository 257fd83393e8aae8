using System.Text;
using Recut.Protocol.Errors;
using Recut.Protocol.Json;

namespace Recut.Protocol.Tests.Responses;

/// <summary>Wire JSON is raw UTF-8, as DashScope sends it: only what JSON requires is escaped.</summary>
public sealed class RawUtf8JsonTests
{
    [Theory]
    [InlineData("把背景换成海滩")]
    [InlineData("make it 🏖️ beach")]                       // a supplementary-plane emoji plus a variation selector
    [InlineData("👩‍💻 coder")]                             // a zero-width joiner sequence
    [InlineData("ÀÉÎõü — “quotes” ‘single’ … ©®™")]
    [InlineData("<b>&amp;</b> '+'")]                       // HTML-sensitive characters: bodies are never HTML
    [InlineData("line\u2028separator\u00adsoft\ufeffbom")]
    public void Text_is_written_as_is_and_reads_back_the_same(string text)
    {
        var json = ProtocolJson.Serialize(new ErrorBody("InvalidParameter", text, "r"));

        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Contains(text, json, StringComparison.Ordinal);
        Assert.Equal(text, ProtocolJson.Deserialize<ErrorBody>(json)!.Message);
    }

    [Fact]
    public void Only_quote_backslash_and_control_characters_are_escaped()
    {
        var json = ProtocolJson.Serialize(new ErrorBody("c", "a\"b\\c\nd\te\u0001f/g", "r"));

        Assert.Equal("{\"code\":\"c\",\"message\":\"a\\\"b\\\\c\\nd\\te\\u0001f/g\",\"request_id\":\"r\"}", json);
    }

    [Fact]
    public void A_lone_surrogate_never_reaches_the_wire_as_invalid_utf8()
    {
        var bytes = ProtocolJson.SerializeToUtf8Bytes(new ErrorBody("c", "bad \ud800 half", "r"));

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var text = strict.GetString(bytes);
        Assert.Contains("bad ", text, StringComparison.Ordinal);
        Assert.NotNull(ProtocolJson.Deserialize<ErrorBody>(bytes));
    }

    [Fact]
    public void The_protocol_records_of_the_generated_context_use_it_too()
    {
        var json = ProtocolJson.Serialize(new Recut.Protocol.Responses.DashScopeTaskResponse
        {
            RequestId = "r",
            Output = new Recut.Protocol.Responses.DashScopeTaskOutput { TaskId = "t", TaskStatus = "PENDING", OrigPrompt = "换成海滩 🏖️" },
        });

        Assert.Contains("换成海滩 🏖️", json, StringComparison.Ordinal);
    }
}
