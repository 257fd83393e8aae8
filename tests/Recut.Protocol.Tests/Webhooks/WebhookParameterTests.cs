using System.Text.Json.Nodes;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;
using Recut.Protocol.Tests.Requests;
using Recut.Protocol.Webhooks;

namespace Recut.Protocol.Tests.Webhooks;

public class WebhookParameterTests
{
    [Fact]
    public void Without_a_webhook_url_there_is_no_webhook()
    {
        var request = Bodies.Accepted(Bodies.Valid(), Dialect.Apiyi);
        Assert.Null(request.WebhookUrl);
        Assert.Null(request.WebhookEvents);
    }

    [Fact]
    public void A_webhook_url_alone_gets_every_state_change_but_progress()
    {
        var request = Bodies.Accepted(Bodies.Valid().WithParameters(new JsonObject { ["webhook_url"] = "https://hooks.example.com/recut?x=1" }), Dialect.Apiyi);
        Assert.Equal("https://hooks.example.com/recut?x=1", request.WebhookUrl);
        Assert.Equal("running,succeeded,failed,canceled", request.WebhookEvents);
    }

    [Theory]
    [InlineData("[\"completed\"]", "succeeded,failed,canceled")]
    [InlineData("[\"task.progress\", \"succeeded\"]", "progress,succeeded")]
    [InlineData("\"failed, running\"", "running,failed")]
    [InlineData("[\"cancelled\"]", "canceled")]
    [InlineData("[]", "running,succeeded,failed,canceled")]
    public void Event_filters_are_read_as_people_write_them(string events, string stored)
    {
        var parameters = new JsonObject { ["webhook_url"] = "https://hooks.example.com/", ["webhook_events"] = JsonNode.Parse(events) };
        Assert.Equal(stored, Bodies.Accepted(Bodies.Valid().WithParameters(parameters), Dialect.DashScope).WebhookEvents);
    }

    [Theory]
    [InlineData("[\"finished\"]")]
    [InlineData("[1]")]
    [InlineData("true")]
    public void An_unknown_event_is_an_invalid_parameter(string events)
    {
        var parameters = new JsonObject { ["webhook_url"] = "https://hooks.example.com/", ["webhook_events"] = JsonNode.Parse(events) };
        var error = Bodies.Rejected(Bodies.Valid().WithParameters(parameters), Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Contains("parameters.webhook_events", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("/relative/path")]
    [InlineData("https://user:pass@hooks.example.com/")]
    [InlineData("https://hooks.example.com/#frag")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void A_webhook_url_that_is_not_a_plain_http_url_is_refused(string url)
    {
        var error = Bodies.Rejected(Bodies.Valid().WithParameters(new JsonObject { ["webhook_url"] = url }), Dialect.Apiyi, ErrorCodes.InvalidParameter);
        Assert.Contains("parameters.webhook_url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_url_longer_than_2048_characters_is_refused()
    {
        var url = "https://hooks.example.com/" + new string('a', WebhookUrl.MaxLength);
        Bodies.Rejected(Bodies.Valid().WithParameters(new JsonObject { ["webhook_url"] = url }), Dialect.Apiyi, ErrorCodes.InvalidParameter);
    }

    [Fact]
    public void A_different_webhook_is_a_different_request_for_idempotency()
    {
        var a = Bodies.Accepted(Bodies.Valid().WithParameters(new JsonObject { ["webhook_url"] = "https://a.example.com/" }), Dialect.Apiyi);
        var b = Bodies.Accepted(Bodies.Valid().WithParameters(new JsonObject { ["webhook_url"] = "https://b.example.com/" }), Dialect.Apiyi);
        Assert.NotEqual(RequestFingerprint.Compute(a), RequestFingerprint.Compute(b));
    }
}
