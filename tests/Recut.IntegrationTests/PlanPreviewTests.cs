using System.Text.Json;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests;

/// <summary>POST /api/v1/plans over real HTTP: authenticated, answers the structured plan, creates no task.</summary>
[Collection(ServerCollection.Name)]
public sealed class PlanPreviewTests(ServerFixture fx)
{
    private const string Route = "api/v1/plans";

    [Fact]
    public async Task Preview_answers_the_structured_plan()
    {
        using var api = fx.Api();
        var body = JsonSerializer.Serialize(new { prompt = "把标志放到bottom left，然后调亮一点", reference_images = 1 });
        var (status, json) = await api.PostAsync(Route, body, asyncHeader: false);
        Assert.Equal(200, status);
        var plan = json.GetProperty("plan");
        Assert.True(plan.GetProperty("supported").GetBoolean());
        var steps = plan.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["global_look", "overlay"], steps.Select(s => s.GetProperty("op").GetString()));
        Assert.Equal("bottom_left", steps[1].GetProperty("anchor").GetString());
        Assert.Equal(1, steps[1].GetProperty("reference_image").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task Preview_reads_the_create_body_and_reports_a_refusal()
    {
        using var api = fx.Api();
        var body = Api.Body(fx.Clip.ToString(), [], "make the person dance").ToJsonString();
        var (status, json) = await api.PostAsync(Route, body, asyncHeader: false);
        Assert.Equal(200, status);
        var plan = json.GetProperty("plan");
        Assert.False(plan.GetProperty("supported").GetBoolean());
        Assert.Equal("UnsupportedEdit", plan.GetProperty("code").GetString());
        Assert.Contains("make the person dance", plan.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_needs_a_key_and_valid_json()
    {
        using (var anonymous = fx.Api(key: null))
        {
            var (status, json) = await anonymous.PostAsync(Route, "{\"prompt\":\"mirror it\"}", asyncHeader: false);
            Assert.Equal(401, status);
            Assert.Equal("InvalidApiKey", json.GetProperty("code").GetString());
        }
        using var api = fx.Api();
        var (bad, error) = await api.PostAsync(Route, "{not json", asyncHeader: false);
        Assert.Equal(400, bad);
        Assert.Equal("BadRequest.IllegalInput", error.GetProperty("code").GetString());
    }
}
