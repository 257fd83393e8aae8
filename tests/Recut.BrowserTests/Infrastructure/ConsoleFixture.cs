using Recut.TestSupport;

namespace Recut.BrowserTests.Infrastructure;

/// <summary>
/// One real `recut serve` process (the built CLI, SQLite, local disk) and one headless chromium, shared by the
/// browser tests; plus the generated media they upload.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"recut-browser-{Guid.NewGuid():N}");

    public ServerProcess Server { get; private set; } = null!;
    public Chromium Browser { get; private set; } = null!;

    /// <summary>3 s 640×360 testsrc2 with a sine tone.</summary>
    public string Clip => Path.Combine(_root, "media", "clip.mp4");

    /// <summary>1 s: too short for the media rules (a task that fails).</summary>
    public string ShortClip => Path.Combine(_root, "media", "short.mp4");

    /// <summary>An orange-to-purple gradient: the colour look to copy.</summary>
    public string Look => Path.Combine(_root, "media", "look.png");

    public Uri BaseUrl => Server.BaseUrl;

    public async Task InitializeAsync()
    {
        await TestMedia.VideoAsync(Clip, 640, 360, 3.0, withAudio: true);
        await TestMedia.VideoAsync(ShortClip, 640, 360, 1.0);
        await TestMedia.ImageAsync(Look, 640, 360, "gradients=s=640x360:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=3");
        Server = await ServerProcess.StartAsync(Path.Combine(_root, "data"));
        Browser = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting process must not fail the run.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
