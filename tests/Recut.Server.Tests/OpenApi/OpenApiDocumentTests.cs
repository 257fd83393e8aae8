using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Recut.Server.Tests.Limits;

namespace Recut.Server.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json as a generated client (or the /docs page's "test request" and curl sample) reads it: a valid
/// OpenAPI 3.1 document, whose create operation — headers, security and example body, all taken from the document —
/// is a request the server accepts.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private const string Key = "sk-openapi";
    private const string DashScopeCreate = "/api/v1/services/aigc/video-generation/video-synthesis";
    private const string ApiyiCreate = "/wan/api/v1/services/aigc/video-generation/video-synthesis";
    private InProcessServer _server = null!;
    private readonly HttpClient _http = new();
    private string _text = "";

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync(o => o.ApiKeys = Key);
        _text = await _http.GetStringAsync(new Uri(_server.BaseUrl, "openapi/v1.json"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public void The_document_is_valid_OpenAPI_3_1()
    {
        var result = OpenApiDocument.Parse(_text, "json", new OpenApiReaderSettings());

        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic!.SpecificationVersion);
        Assert.Empty(result.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        var problems = result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.Empty(problems.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.StartsWith("3.1", JsonNode.Parse(_text)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DashScopeCreate)]
    [InlineData(ApiyiCreate)]
    public void Creates_declare_the_async_header_as_required_enable_and_the_oss_header(string path)
    {
        var create = Operation(path, "post");
        var parameters = create["parameters"]!.AsArray();

        var async = Header(parameters, "X-DashScope-Async");
        Assert.True(async["required"]!.GetValue<bool>());
        Assert.Equal(["enable"], async["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var oss = Header(parameters, "X-DashScope-OssResourceResolve");
        Assert.False(oss["required"]?.GetValue<bool>() ?? false);
        Assert.Equal(["enable"], oss["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(create["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.NotNull(create["responses"]!["200"]!["content"]!["application/json"]!["example"]);
    }

    [Fact]
    public void Every_keyed_operation_names_the_bearer_scheme_and_the_open_ones_none()
    {
        var doc = JsonNode.Parse(_text)!;
        Assert.Equal("bearer", doc["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        var open = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var security = operation!["security"]!.AsArray();
                if (security.Count == 0)
                {
                    open.Add($"{method.ToUpperInvariant()} {path}");
                }
                else
                {
                    Assert.True(security[0]!.AsObject().ContainsKey("bearer"), $"{method} {path}");
                }
            }
        }
        Assert.Contains("POST /api/v1/uploads/form", open);
        Assert.Contains(open, o => o.StartsWith("GET /results/", StringComparison.Ordinal));
        Assert.DoesNotContain(open, o => o.Contains("/tasks", StringComparison.Ordinal) || o.EndsWith("/uploads", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DashScopeCreate)]
    [InlineData(ApiyiCreate)]
    public async Task A_create_built_from_the_document_alone_is_accepted(string path)
    {
        using var request = RequestFromDocument(path, withDeclaredHeaders: true);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == 200, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("PENDING", json.RootElement.GetProperty("output").GetProperty("task_status").GetString());

        // The declared headers are what makes it work: the same request without them is what /docs sent before (403).
        using var bare = RequestFromDocument(path, withDeclaredHeaders: false);
        using var refused = await _http.SendAsync(bare);
        Assert.Equal(403, (int)refused.StatusCode);
    }

    /// <summary>
    /// What a generator or the /docs page makes of the operation: the server URL, every required header with its
    /// example, the bearer key the security scheme asks for, and the request body's example.
    /// </summary>
    private HttpRequestMessage RequestFromDocument(string path, bool withDeclaredHeaders)
    {
        var create = Operation(path, "post");
        var example = create["requestBody"]!["content"]!["application/json"]!["example"]!.ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, path.TrimStart('/')))
        {
            Content = new StringContent(example, Encoding.UTF8, "application/json"),
        };
        if (create["security"]!.AsArray().Count > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        }
        foreach (var parameter in create["parameters"]!.AsArray())
        {
            if (withDeclaredHeaders && parameter!["in"]!.GetValue<string>() == "header" && (parameter["required"]?.GetValue<bool>() ?? false))
            {
                request.Headers.Add(parameter["name"]!.GetValue<string>(), parameter["example"]!.GetValue<string>());
            }
        }
        return request;
    }

    private JsonNode Operation(string path, string method) => JsonNode.Parse(_text)!["paths"]![path]![method]!;

    private static JsonNode Header(JsonArray parameters, string name) =>
        parameters.Single(p => p!["name"]!.GetValue<string>() == name && p["in"]!.GetValue<string>() == "header")!;
}
