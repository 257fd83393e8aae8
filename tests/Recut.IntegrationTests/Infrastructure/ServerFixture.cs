using Recut.TestSupport;
using SkiaSharp;

namespace Recut.IntegrationTests.Infrastructure;

/// <summary>
/// One real `recut serve` process (SQLite, local disk, 2 workers) plus a static file server holding generated
/// inputs, shared by the tests of a collection.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new("recut-it-");

    public ServerProcess Server { get; private set; } = null!;
    public StaticFileServer Files { get; private set; } = null!;
    public string MediaDirectory => Path.Combine(_dir.Path, "media");
    public string DataDirectory => Path.Combine(_dir.Path, "data");

    /// <summary>2.5 s 640×360 testsrc2 with a sine audio track.</summary>
    public Uri ClipWithAudio => Files.Url("clip-audio.mp4");
    /// <summary>10 s 640×360 testsrc2 with a sine audio track: an edit that outlasts several progress heartbeats.</summary>
    public Uri LongClipWithAudio => Files.Url("long-audio.mp4");
    /// <summary>2.5 s 640×360 testsrc2, no audio.</summary>
    public Uri Clip => Files.Url("clip.mp4");
    /// <summary>1 s: too short for the media rules.</summary>
    public Uri ShortClip => Files.Url("short.mp4");
    /// <summary>An orange-purple gradient "look".</summary>
    public Uri Look => Files.Url("look.png");
    /// <summary>A red disc logo on transparent ground.</summary>
    public Uri Logo => Files.Url("logo.png");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(MediaDirectory);
        await TestMedia.VideoAsync(Path.Combine(MediaDirectory, "clip-audio.mp4"), 640, 360, 2.5, withAudio: true);
        await TestMedia.VideoAsync(Path.Combine(MediaDirectory, "long-audio.mp4"), 640, 360, 10, withAudio: true);
        await TestMedia.VideoAsync(Path.Combine(MediaDirectory, "clip.mp4"), 640, 360, 2.5);
        await TestMedia.VideoAsync(Path.Combine(MediaDirectory, "short.mp4"), 640, 360, 1.0);
        await TestMedia.ImageAsync(Path.Combine(MediaDirectory, "look.png"), 640, 360,
            "gradients=s=640x360:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=3");
        TestMedia.LogoPng(Path.Combine(MediaDirectory, "logo.png"), 320, 320, SKColors.Red);
        Files = await StaticFileServer.StartAsync(MediaDirectory);
        Server = await ServerProcess.StartAsync(DataDirectory);
    }

    public Api Api(string? key = Keys.A) => new(Server.BaseUrl, key);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Files.DisposeAsync();
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "recut server";
}
