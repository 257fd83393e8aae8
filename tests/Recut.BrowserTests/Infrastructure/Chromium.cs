using Microsoft.Playwright;

namespace Recut.BrowserTests.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright, headless and kept off the network (MACHINE-FACTS "Browser tests"):
/// only localhost/127.0.0.1 resolve, no background services, a fresh profile per launch.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        "--autoplay-policy=no-user-gesture-required",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Chromium> LaunchAsync(int width = 1440, int height = 1000)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./setup.sh --test (installs Debian's chromium).");
        }
        var profile = Path.Combine(Path.GetTempPath(), $"recut-chromium-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        // Playwright's 5 s expectation default assumes an idle machine; on two shared, loaded cores Scalar alone has
        // taken longer to render. Waiting longer never makes a broken page pass: the text still has to appear.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return new Chromium(playwright, context, profile);
    }

    /// <summary>A new tab that fails the test on any uncaught script error (collected in <paramref name="errors"/>).</summary>
    public async Task<IPage> NewPageAsync(List<string> errors)
    {
        var page = await Context.NewPageAsync();
        page.PageError += (_, e) => { lock (errors) { errors.Add("page error: " + e); } };
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (errors) { errors.Add("console error: " + m.Text); }
            }
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be writing its profile as it exits; the temp folder is cleaned eventually.
        }
    }
}
