using Microsoft.Playwright;
using Recut.BrowserTests.Infrastructure;

namespace Recut.BrowserTests.Console;

/// <summary>The plan shown as the instruction is typed, and the example instructions that fill the box.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PlanPreviewTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Typing_shows_the_plan_and_a_refusal()
    {
        var errors = new List<string>();
        var page = await fixture.Browser.NewPageAsync(errors);
        var console = new ConsolePage(page, fixture.BaseUrl);
        await console.OpenAsync();
        await console.SaveKeyAsync(Keys.A);

        await page.FillAsync("#prompt", "it's way too bright");
        await Assertions.Expect(page.Locator("#plan-preview ol li")).ToHaveTextAsync("darken the picture (35%)");
        await Assertions.Expect(page.Locator("#plan-preview")).ToContainTextAsync("read as a problem to fix");

        await page.FillAsync("#prompt", "make the person dance");
        await Assertions.Expect(page.Locator("#plan-preview .plan-refused")).ToContainTextAsync("UnsupportedEdit");

        await page.Locator("#plan-examples button", new() { HasText = "no sepia, just flip it" }).ClickAsync();
        await Assertions.Expect(page.Locator("#prompt")).ToHaveValueAsync("no sepia, just flip it");
        await Assertions.Expect(page.Locator("#plan-preview ol li")).ToContainTextAsync("mirror the picture");
        Assert.True(errors.Count == 0, "browser errors:\n" + string.Join("\n", errors));
        await page.CloseAsync();
    }
}
