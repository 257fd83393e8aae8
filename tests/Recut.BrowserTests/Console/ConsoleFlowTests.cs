using System.Diagnostics;
using Microsoft.Playwright;
using Recut.BrowserTests.Infrastructure;

namespace Recut.BrowserTests.Console;

/// <summary>
/// The whole console flow in a real chromium: key, upload from disk, a colour-look edit, live progress, the plan,
/// the before/after view (both players loaded, in sync, wipe slider) and the download link.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleFlowTests(ConsoleFixture fixture)
{
    private const string Instruction = "Give the video the colour look of the reference image";

    [Fact]
    public async Task Colour_look_edit_from_disk_runs_to_a_playable_before_after_view()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var eventStreams = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/events", StringComparison.Ordinal))
            {
                lock (eventStreams)
                {
                    eventStreams.Add(r.Url);
                }
            }
        };
        var console = new ConsolePage(page, fixture.BaseUrl);
        await console.OpenAsync();
        await console.SaveKeyAsync(Keys.A);
        await console.FillAsync(fixture.Clip, [fixture.Look], Instruction, resolution: "720P", ratio: "16:9", duration: 2, seed: 7);
        await Assertions.Expect(page.Locator("#ref-preview img")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "01-form");

        var taskId = await console.SubmitAsync();
        Assert.True(Guid.TryParse(taskId, out _), taskId);
        await Screenshots.SaveAsync(page, "02-progress");

        var (final, progress) = await WatchUntilFinalAsync(console, TimeSpan.FromMinutes(3));
        if (final != "SUCCEEDED")
        {
            var error = await page.Locator("#task-detail").InnerTextAsync();
            Assert.Fail($"task {taskId} ended {final} in the console:\n{error}\nserver log:\n{fixture.Server.Log}");
        }
        Assert.Equal(100, progress[^1]);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First <= p.Second), "progress went backwards: " + string.Join(",", progress));
        // The selected running task followed its event stream instead of being polled.
        lock (eventStreams)
        {
            Assert.Contains(eventStreams, u => u.EndsWith($"/api/v1/tasks/{taskId}/events", StringComparison.Ordinal));
        }

        // The plan (actual_prompt) is shown, not the placeholder.
        await Assertions.Expect(page.Locator("#plan")).ToHaveClassAsync("plan-text");
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#plan")));

        // Result: 2 s cut (duration=2) at 720P 16:9; the source (uploaded file, played from an object URL) is the 3 s clip.
        var result = await console.VideoMetadataAsync("#result-video");
        Assert.InRange(result.Duration, 1.9, 2.15);
        Assert.Equal((1280, 720), (result.Width, result.Height));
        var source = await console.VideoMetadataAsync("#before-video");
        Assert.InRange(source.Duration, 2.9, 3.15);
        Assert.StartsWith("blob:", await page.GetAttributeAsync("#before-video", "src"), StringComparison.Ordinal);

        await AssertPlayersStayInSyncAsync(page);
        await ShowFrameAtAsync(page, 1.0);
        await Screenshots.SaveAsync(page, "03-before-after");

        // Wipe: one box, the result clipped right of the line; the slider moves with the keyboard.
        await page.ClickAsync("[data-mode-button=wipe]");
        await page.FocusAsync("#wipe");
        for (var i = 0; i < 15; i++)
        {
            await page.Keyboard.PressAsync("ArrowLeft");
        }
        Assert.Equal("35", await page.InputValueAsync("#wipe"));
        var clip = await page.EvalOnSelectorAsync<string>(".pane.after", "e => getComputedStyle(e).clipPath");
        Assert.Equal("inset(0px 0px 0px 35%)", clip);
        await Screenshots.SaveAsync(page, "04-wipe");

        // Download: the link is the signed result URL; it answers the mp4 without a key.
        var href = await page.GetAttributeAsync("#download", "href");
        Assert.NotNull(href);
        using (var http = new HttpClient())
        {
            using var response = await http.GetAsync(new Uri(new Uri(page.Url), href), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        }
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.EndsWith(".mp4", download.SuggestedFilename, StringComparison.Ordinal);

        // Phone width: nothing wider than the screen, the before/after stacked.
        await page.SetViewportSizeAsync(390, 844);
        await page.ClickAsync("[data-mode-button=side]");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 390 px");
        await Screenshots.SaveAsync(page, "05-phone");

        Assert.True(errors.Count == 0, "browser errors:\n" + string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_failed_task_shows_its_code_and_plain_words()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var console = new ConsolePage(page, fixture.BaseUrl);
        await console.OpenAsync();
        await console.SaveKeyAsync(Keys.A);
        await console.FillAsync(fixture.ShortClip, [fixture.Look], Instruction);
        await console.SubmitAsync();

        var (final, _) = await WatchUntilFinalAsync(console, TimeSpan.FromMinutes(2));
        Assert.Equal("FAILED", final);
        await Assertions.Expect(page.Locator("#error-code")).ToHaveTextAsync("InvalidFile.Duration");
        await Assertions.Expect(page.Locator("#detail-error")).ToContainTextAsync("between 2 and 10 seconds");
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("#error-message")));
        await Assertions.Expect(page.Locator("#result-video")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "06-failure");
        Assert.True(errors.Count == 0, "browser errors:\n" + string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_refused_key_shows_the_code_in_plain_words()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var console = new ConsolePage(page, fixture.BaseUrl);
        await console.OpenAsync();
        await console.SaveKeyAsync(Keys.A);
        // A key the server does not know: the upload answers 401 and the form says so in words.
        await page.EvaluateAsync("() => localStorage.setItem('recut.apiKey', 'not-a-key')");
        try
        {
            await console.FillAsync(fixture.Clip, [fixture.Look], Instruction);
            await page.ClickAsync("#submit");
            await Assertions.Expect(page.Locator("#form-status .error-code")).ToHaveTextAsync("InvalidApiKey");
            await Assertions.Expect(page.Locator("#form-status")).ToContainTextAsync("API key");
            Assert.Equal("api-key", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        }
        finally
        {
            // The browser profile is shared by the tests: leave the good key behind.
            await page.EvaluateAsync("k => localStorage.setItem('recut.apiKey', k)", Keys.A);
            await page.CloseAsync();
        }
    }

    /// <summary>Reads status and progress off the page (what a person sees) until the task is final.</summary>
    private static async Task<(string Final, List<int> Progress)> WatchUntilFinalAsync(ConsolePage console, TimeSpan limit)
    {
        var seen = new List<int>();
        var shotRunning = false;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var status = await console.DetailStatusAsync();
            var value = await console.DetailProgressAsync();
            if (seen.Count == 0 || seen[^1] != value)
            {
                seen.Add(value);
            }
            if (status == "RUNNING" && value > 0 && !shotRunning)
            {
                shotRunning = true;
                await Screenshots.SaveAsync(console.Page, "02-progress");
            }
            if (status is "SUCCEEDED" or "FAILED" or "CANCELED" or "UNKNOWN")
            {
                return (status, seen);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the console did not show a final status within {limit}; progress seen: {string.Join(",", seen)}");
    }

    private static async Task AssertPlayersStayInSyncAsync(IPage page)
    {
        await page.ClickAsync("#play-pause");
        await page.WaitForFunctionAsync("() => document.querySelector('#result-video').currentTime > 0.6");
        var times = await page.EvaluateAsync<double[]>(
            "() => [document.querySelector('#result-video').currentTime, document.querySelector('#before-video').currentTime]");
        await page.ClickAsync("#play-pause");
        Assert.True(Math.Abs(times[0] - times[1]) < 0.3, $"players drifted apart: result {times[0]:0.00} s, source {times[1]:0.00} s");
    }

    private static async Task ShowFrameAtAsync(IPage page, double seconds)
    {
        await page.EvaluateAsync("t => { const v = document.querySelector('#result-video'); v.pause(); v.currentTime = t; }", seconds);
        await page.WaitForFunctionAsync(
            "t => ['#result-video', '#before-video'].every(s => { const v = document.querySelector(s); return Math.abs(v.currentTime - t) < 0.1 && !v.seeking && v.readyState >= 2; })",
            seconds);
    }
}
