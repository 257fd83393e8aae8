using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Recut.BrowserTests.Infrastructure;

namespace Recut.BrowserTests.Console;

/// <summary>
/// The /docs page's own "Test Request" for a create, as a person uses it: open the operation, enter the key, send.
/// It used to answer 403 (the page did not know the create needs X-DashScope-Async); the document now declares it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DocsTestRequestTests(ConsoleFixture fixture)
{
    [Fact]
    public Task The_docs_test_request_for_a_create_gets_200() => OnTheCreateOperationAsync(async page =>
    {
        var testButton = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("Test Request", RegexOptions.IgnoreCase) })
            .Filter(new LocatorFilterOptions { Visible = true }).First;
        await testButton.ClickAsync(new LocatorClickOptions { Timeout = 30_000 });

        var token = page.GetByPlaceholder(new Regex("token", RegexOptions.IgnoreCase)).Filter(new LocatorFilterOptions { Visible = true }).First;
        await token.FillAsync(Recut.IntegrationTests.Infrastructure.Keys.A, new LocatorFillOptions { Timeout = 30_000 });

        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST"
            && r.Url.EndsWith("/api/v1/services/aigc/video-generation/video-synthesis", StringComparison.Ordinal),
            new PageWaitForResponseOptions { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("^Send", RegexOptions.IgnoreCase) })
            .Filter(new LocatorFilterOptions { Visible = true }).First.ClickAsync();
        var response = await answer;

        Assert.True(response.Status == 200, $"{response.Status}: {await response.TextAsync()}");
        var headers = await response.Request.AllHeadersAsync();
        Assert.Equal("enable", headers["x-dashscope-async"]);
        await Screenshots.SaveAsync(page, "08-docs-test-request", fullPage: false);
    });

    [Fact]
    public Task The_docs_curl_sample_for_a_create_runs_and_gets_200() => OnTheCreateOperationAsync(async page =>
    {
        var sample = page.Locator("code").Filter(new LocatorFilterOptions { HasText = "curl" })
            .Filter(new LocatorFilterOptions { HasText = "/api/v1/services/aigc/video-generation/video-synthesis" })
            .Filter(new LocatorFilterOptions { HasNotText = "/wan/" })
            .Filter(new LocatorFilterOptions { Visible = true }).First;
        var curl = await sample.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 30_000 });

        Assert.Contains("X-DashScope-Async: enable", curl, StringComparison.Ordinal);
        // The sample's key placeholder is the one thing a reader replaces.
        var runnable = Regex.Replace(curl.Trim(), "Bearer [A-Za-z_]*TOKEN[A-Za-z_]*", "Bearer " + Recut.IntegrationTests.Infrastructure.Keys.A);
        var psi = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(runnable + " --silent --output /dev/null --write-out '%{http_code}'");
        using var process = System.Diagnostics.Process.Start(psi)!;
        var status = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(status == "200", $"{status}\n{runnable}\n{await process.StandardError.ReadToEndAsync()}");
    });

    /// <summary>Opens /docs at the DashScope create operation and runs <paramref name="test"/>; a failure shows the page.</summary>
    private async Task OnTheCreateOperationAsync(Func<IPage, Task> test)
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        try
        {
            await page.GotoAsync(new Uri(fixture.BaseUrl, "docs").ToString());
            var operation = page.GetByText("Create a video-edit task (DashScope dialect", new PageGetByTextOptions { Exact = false }).First;
            await operation.ScrollIntoViewIfNeededAsync(new LocatorScrollIntoViewIfNeededOptions { Timeout = 30_000 });
            await operation.ClickAsync();
            await test(page);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            await Screenshots.SaveAsync(page, "08-docs-test-request-failed", fullPage: false);
            var text = await page.InnerTextAsync("body");
            throw new InvalidOperationException($"{e.Message}\n--- page ---\n{text[..Math.Min(text.Length, 4000)]}", e);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
