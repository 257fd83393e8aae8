using Recut.Engines.Local.Rendering;
using Recut.TestSupport;
using SkiaSharp;

namespace Recut.Engines.Tests.Support;

/// <summary>
/// Small test media, generated once per test run on first use and shared by every test class (each item is made only
/// if some test asks for it). Deleted when the test process exits.
/// </summary>
internal static class SharedMedia
{
    private static readonly TempDir Dir = CreateDir();

    /// <summary>
    /// testsrc2 toned down to mid-tones (its pure 0/255 colours would hide any gamma or contrast change), 640×360,
    /// 2 s, 30 fps, with a 440 Hz tone.
    /// </summary>
    public static Task<string> ClipAsync() => Clip.Value;

    /// <summary>The same mid-tone testsrc2, 1 s, with audio: for tests that call the engine directly (no 2 s minimum).</summary>
    public static Task<string> ShortClipAsync() => ShortClip.Value;

    /// <summary><see cref="ShortClipAsync"/> rendered at 1280×720 with nothing changed.</summary>
    public static Task<string> ShortBaselineAsync() => ShortBaseline.Value;

    /// <summary>testsrc2, 640×360, 2 s, no audio.</summary>
    public static Task<string> SilentClipAsync() => SilentClip.Value;

    /// <summary>testsrc2, 640×360, 3 s, with audio (for the duration cut).</summary>
    public static Task<string> LongClipAsync() => LongClip.Value;

    /// <summary>A blue-ish gradient clip, 640×360, 2 s.</summary>
    public static Task<string> BlueClipAsync() => BlueClip.Value;

    /// <summary>An orange gradient image, 320×240 PNG.</summary>
    public static Task<string> OrangeImageAsync() => OrangeImage.Value;

    /// <summary>A 300×300 RGBA PNG: transparent, with an opaque red rounded square inset by 15%.</summary>
    public static Task<string> RedLogoAsync() => RedLogo.Value;

    /// <summary>The 2 s clip rendered at 1280×720 with nothing changed: the same scaling and encoding as every edit.</summary>
    public static Task<string> BaselineAsync() => Baseline.Value;

    private static readonly Lazy<Task<string>> Clip = new(() => MakeClipAsync(Dir.File("clip.mp4"),
        "testsrc2=size=640x360:rate=30,eq=contrast=0.6:saturation=0.6,format=yuv420p", seconds: 2, withAudio: true));
    private static readonly Lazy<Task<string>> ShortClip = new(() => MakeClipAsync(Dir.File("short.mp4"),
        "testsrc2=size=640x360:rate=30,eq=contrast=0.6:saturation=0.6,format=yuv420p", seconds: 1, withAudio: true));
    private static readonly Lazy<Task<string>> ShortBaseline = new(() => RenderBaselineAsync(ShortClipAsync(), "short-baseline.mp4", 1, true));
    private static readonly Lazy<Task<string>> SilentClip = new(() => TestMedia.VideoAsync(Dir.File("silent.mp4"), 640, 360, 2));
    private static readonly Lazy<Task<string>> LongClip = new(() => TestMedia.VideoAsync(Dir.File("long.mp4"), 640, 360, 3, withAudio: true));
    private static readonly Lazy<Task<string>> BlueClip = new(() =>
        TestMedia.VideoAsync(Dir.File("blue.mp4"), 640, 360, 2, source: "gradients=c0=0x102a60:c1=0x4f8fd8:nb_colors=2:speed=0.01"));
    private static readonly Lazy<Task<string>> OrangeImage = new(() =>
        TestMedia.ImageAsync(Dir.File("orange.png"), 320, 240, source: "gradients=c0=0xc04a10:c1=0xffb45a:nb_colors=2"));
    private static readonly Lazy<Task<string>> RedLogo = new(() =>
        Task.FromResult(TestMedia.LogoPng(Dir.File("red-logo.png"), 300, 300, new SKColor(230, 20, 20))));
    private static readonly Lazy<Task<string>> Baseline = new(() => RenderBaselineAsync(ClipAsync(), "baseline.mp4", 2, true));

    private static async Task<string> RenderBaselineAsync(Task<string> source, string name, double seconds, bool audio)
    {
        var clip = await source;
        var output = Dir.File(name);
        var spec = new RenderSpec { Width = 1280, Height = 720, DurationSeconds = seconds, KeepAudio = audio };
        await DirectRenderer.RenderAsync(clip, spec, output, new ProgressTracker(NullEditObserver.Instance), CancellationToken.None);
        return output;
    }

    /// <summary>A clip from any lavfi graph (TestMedia only takes a bare source).</summary>
    public static async Task<string> MakeClipAsync(string path, string graph, double seconds, bool withAudio)
    {
        var args = new List<string> { "-hide_banner", "-v", "error", "-f", "lavfi", "-i", graph };
        if (withAudio)
        {
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-map", "0:v", "-map", "1:a", "-c:a", "aac", "-b:a", "64k"]);
        }
        args.AddRange(["-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast",
            "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", path]);
        await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(args, new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    private static TempDir CreateDir()
    {
        var dir = new TempDir("recut-engines-media");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        return dir;
    }
}
