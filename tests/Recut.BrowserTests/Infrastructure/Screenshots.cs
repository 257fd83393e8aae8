using Microsoft.Playwright;

namespace Recut.BrowserTests.Infrastructure;

/// <summary>Screenshots kept as CI artifacts under &lt;repo&gt;/artifacts/screenshots/.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
