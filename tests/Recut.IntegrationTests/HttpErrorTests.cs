using System.Text.Json.Nodes;
using Recut.IntegrationTests.Infrastructure;

namespace Recut.IntegrationTests;

/// <summary>Synchronous errors over real HTTP: status, code and the {code, message, request_id} body.</summary>
[Collection(ServerCollection.Name)]
public sealed class HttpErrorTests(ServerFixture fx)
{
    private string ValidBody => Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "make it sepia").ToJsonString();

    [Fact]
    public async Task Missing_async_header_is_403_access_denied()
    {
        using var api = fx.Api();
        var (status, body) = await api.PostAsync(Api.ApiyiCreate, ValidBody, asyncHeader: false);
        Assert.Equal(403, status);
        Assert.Equal("AccessDenied", body.GetProperty("code").GetString());
        Assert.Equal("current user api does not support synchronous calls.", body.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
    }

    [Theory]
    [InlineData(null, "No API-key provided.")]
    [InlineData("not-a-key", "Invalid API-key provided.")]
    public async Task Missing_or_unknown_key_is_401(string? key, string message)
    {
        using var api = fx.Api(key);
        var (status, body) = await api.PostAsync(Api.DashScopeCreate, ValidBody);
        Assert.Equal(401, status);
        Assert.Equal("InvalidApiKey", body.GetProperty("code").GetString());
        Assert.Equal(message, body.GetProperty("message").GetString());
        var (qs, qb) = await api.GetAsync($"api/v1/tasks/{Guid.NewGuid()}");
        Assert.Equal(401, qs);
        Assert.Equal("InvalidApiKey", qb.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Near_miss_model_is_404_naming_the_right_id()
    {
        using var api = fx.Api();
        var body = JsonNode.Parse(ValidBody)!.AsObject();
        body["model"] = "wan2.7-video-edit";
        var (status, json) = await api.PostAsync(Api.ApiyiCreate, body.ToJsonString());
        Assert.Equal(404, status);
        Assert.Equal("ModelNotFound", json.GetProperty("code").GetString());
        Assert.Contains("wan2.7-videoedit", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_illegal_input()
    {
        using var api = fx.Api();
        var (status, json) = await api.PostAsync(Api.ApiyiCreate, "{\"model\": \"wan2.7-videoedit\", ");
        Assert.Equal(400, status);
        Assert.Equal("BadRequest.IllegalInput", json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reference_image_counts_follow_the_route_dialect()
    {
        using var api = fx.Api();
        var noRefs = Api.Body(fx.Clip.ToString(), [], "make it sepia").ToJsonString();
        var (apiyi, apiyiBody) = await api.PostAsync(Api.ApiyiCreate, noRefs);
        Assert.Equal(400, apiyi);
        Assert.Equal("InvalidParameter", apiyiBody.GetProperty("code").GetString());
        var (dashscope, _) = await api.PostAsync(Api.DashScopeCreate, noRefs);
        Assert.Equal(200, dashscope);
    }

    [Fact]
    public async Task File_url_is_400_invalid_url()
    {
        using var api = fx.Api();
        var (status, json) = await api.PostAsync(Api.ApiyiCreate, Api.Body("file:///etc/passwd", [fx.Look.ToString()], "x").ToJsonString());
        Assert.Equal(400, status);
        Assert.Equal("InvalidURL", json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_json_404()
    {
        using var api = fx.Api();
        var (status, json) = await api.GetAsync("api/v1/nothing-here");
        Assert.Equal(404, status);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Idempotency_key_returns_the_same_task_and_refuses_a_different_body()
    {
        using var api = fx.Api();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var (s1, b1) = await api.PostAsync(Api.ApiyiCreate, ValidBody, headers: key);
        var (s2, b2) = await api.PostAsync(Api.ApiyiCreate, ValidBody, headers: key);
        Assert.Equal(200, s1);
        Assert.Equal(200, s2);
        Assert.Equal(b1.GetProperty("output").GetProperty("task_id").GetString(), b2.GetProperty("output").GetProperty("task_id").GetString());
        var other = Api.Body(fx.Clip.ToString(), [fx.Look.ToString()], "make it darker").ToJsonString();
        var (s3, b3) = await api.PostAsync(Api.ApiyiCreate, other, headers: key);
        Assert.Equal(400, s3);
        Assert.Equal("InvalidParameter", b3.GetProperty("code").GetString());
    }
}
