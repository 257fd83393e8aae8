using System.Globalization;
using Microsoft.Playwright;

namespace Recut.BrowserTests.Infrastructure;

/// <summary>The console as a person uses it, by the ids of its controls.</summary>
public sealed class ConsolePage(IPage page, Uri baseUrl)
{
    public IPage Page => page;

    /// <summary>Opens the server root, which must redirect to the console.</summary>
    public async Task OpenAsync()
    {
        var response = await page.GotoAsync(baseUrl.ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response!.Status);
        Assert.EndsWith("/console/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#new-task-heading")).ToBeVisibleAsync();
    }

    public async Task SaveKeyAsync(string key)
    {
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#save-key");
        await Assertions.Expect(page.Locator("#key-status")).ToContainTextAsync("accepted by the server");
    }

    /// <summary>Picks files from disk and fills every output setting.</summary>
    public async Task FillAsync(string video, IReadOnlyList<string> refs, string prompt, string resolution = "720P",
        string ratio = "16:9", int duration = 0, string audio = "auto", bool watermark = false, int? seed = null)
    {
        await page.CheckAsync("input[name=source-mode][value=file]");
        await page.SetInputFilesAsync("#source-file", video);
        await page.SetInputFilesAsync("#ref-files", refs);
        await page.FillAsync("#prompt", prompt);
        await page.SelectOptionAsync("#resolution", resolution);
        await page.SelectOptionAsync("#ratio", ratio);
        await page.FillAsync("#duration", duration.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#audio", audio);
        await page.SetCheckedAsync("#watermark", watermark);
        await page.FillAsync("#seed", seed?.ToString(CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>Submits and returns the id of the task the console selected.</summary>
    public async Task<string> SubmitAsync()
    {
        var before = await page.Locator("#task-list li").CountAsync();
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#form-status")).ToContainTextAsync("created",
            new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#task-list li")).ToHaveCountAsync(before + 1);
        var selected = page.Locator("#task-list li:has(button[aria-current=true])");
        var id = await selected.GetAttributeAsync("data-task-id");
        Assert.False(string.IsNullOrEmpty(id));
        return id!;
    }

    public async Task<string?> DetailStatusAsync() => await page.GetAttributeAsync("#detail-status", "data-status");

    public async Task<int> DetailProgressAsync() =>
        int.Parse(await page.GetAttributeAsync("#detail-progress", "aria-valuenow") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>Reads a video element's loaded metadata; waits until it has some.</summary>
    public async Task<(double Duration, int Width, int Height)> VideoMetadataAsync(string selector, float timeoutMs = 30_000)
    {
        await page.WaitForFunctionAsync(
            "s => { const v = document.querySelector(s); return !!v && v.readyState >= 1 && Number.isFinite(v.duration) && v.duration > 0; }",
            selector, new PageWaitForFunctionOptions { Timeout = timeoutMs });
        var values = await page.EvaluateAsync<double[]>(
            "s => { const v = document.querySelector(s); return [v.duration, v.videoWidth, v.videoHeight]; }", selector);
        return (values[0], (int)values[1], (int)values[2]);
    }
}
