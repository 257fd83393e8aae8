using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;
using Recut.BrowserTests.Infrastructure;
using Recut.Protocol.Errors;

namespace Recut.BrowserTests.Console;

/// <summary>The OpenAPI document describes both dialects, the upload and every error code; /docs renders it offline.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiReferenceTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task OpenApi_document_has_both_dialects_the_upload_and_every_error_code()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseUrl };
        var text = await http.GetStringAsync("openapi/v1.json");
        using var doc = JsonDocument.Parse(text);
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/services/aigc/video-generation/video-synthesis", "/wan/api/v1/services/aigc/video-generation/video-synthesis",
            "/api/v1/tasks/{taskId}", "/v1/tasks/{taskId}", "/api/v1/tasks", "/api/v1/tasks/{taskId}/cancel", "/api/v1/uploads",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        // The reference request is the create example; schemas use the wire's snake_case names.
        var create = paths.GetProperty("/wan/api/v1/services/aigc/video-generation/video-synthesis").GetProperty("post");
        var example = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("wan2.7-videoedit", example.GetProperty("model").GetString());
        Assert.Equal(2, example.GetProperty("input").GetProperty("media").GetArrayLength());
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("CreateTaskResponse").GetProperty("properties").TryGetProperty("request_id", out _));
        Assert.True(schemas.GetProperty("DashScopeTaskOutput").GetProperty("properties").TryGetProperty("actual_prompt", out _));

        var upload = paths.GetProperty("/api/v1/uploads").GetProperty("post");
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));

        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(codes);
        var missing = codes.Where(c => !text.Contains(c, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "error codes not in the OpenAPI document: " + string.Join(", ", missing));
        Assert.Contains("wan2.7-videoedit", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_page_renders_the_reference_without_network()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var elsewhere = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(fixture.BaseUrl.ToString(), StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)
                && !r.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                lock (elsewhere) { elsewhere.Add(r.Url); }
            }
        };
        var response = await page.GotoAsync(new Uri(fixture.BaseUrl, "docs").ToString());
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByText("Recut API").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Create a video-edit task (DashScope dialect", new PageGetByTextOptions { Exact = false }).First)
            .ToBeAttachedAsync();
        foreach (var group in new[] { "DashScope dialect", "APIYI dialect", "Uploads" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = group, Exact = true }).First).ToBeVisibleAsync();
        }
        await Screenshots.SaveAsync(page, "07-docs", fullPage: false);
        // A self-hosted reference must not call home (telemetry, CDN fonts, hosted tools).
        Assert.True(elsewhere.Count == 0, "the docs page requested: " + string.Join(", ", elsewhere));
        Assert.DoesNotContain(errors, e => e.StartsWith("page error", StringComparison.Ordinal));
        await page.CloseAsync();
    }
}
