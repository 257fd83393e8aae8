using Microsoft.Playwright;
using Recut.BrowserTests.Infrastructure;

namespace Recut.BrowserTests.Console;

/// <summary>The console works from the keyboard alone: a skip link, every control in reading order, nothing unreachable.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeyboardTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Tab_reaches_every_form_control_in_reading_order()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var console = new ConsolePage(page, fixture.BaseUrl);
        await console.OpenAsync();

        var order = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e.id || (e.name ? e.name + '=' + e.value : e.tagName.toLowerCase() + ':' + (e.textContent || '').trim()); }");
            order.Add(id);
            if (id == "submit")
            {
                break;
            }
        }
        string[] expected =
        [
            "api-key", "show-key", "save-key", "forget-key", "source-mode=file", "source-file", "ref-files", "ref-urls", "prompt",
            "dialect", "resolution", "ratio", "duration", "audio", "seed", "watermark", "submit",
        ];
        var positions = expected.Select(e => order.IndexOf(e)).ToList();
        Assert.True(positions.All(p => p >= 0), "not reachable by Tab: " + string.Join(", ", expected.Where(e => !order.Contains(e))) + "\norder: " + string.Join(" → ", order));
        Assert.True(positions.SequenceEqual(positions.Order()), "tab order differs from reading order: " + string.Join(" → ", order));
        Assert.StartsWith("a:Skip", order[0], StringComparison.Ordinal);
        Assert.True(errors.Count == 0, "browser errors:\n" + string.Join("\n", errors));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Skip_link_and_arrow_keys_choose_the_source_mode()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var console = new ConsolePage(page, fixture.BaseUrl);
        await console.OpenAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("new-task-heading", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        await page.FocusAsync("input[name=source-mode][value=file]");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator("#source-url")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#source-file")).ToBeHiddenAsync();

        // A client-side check moves focus to the field at fault and marks it.
        await page.FocusAsync("#submit");
        await page.Keyboard.PressAsync("Enter");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.id");
        Assert.Contains(focused, new[] { "api-key", "source-url" });
        Assert.Equal("true", await page.GetAttributeAsync("#" + focused, "aria-invalid"));
        Assert.True(errors.Count == 0, "browser errors:\n" + string.Join("\n", errors));
        await page.CloseAsync();
    }
}
