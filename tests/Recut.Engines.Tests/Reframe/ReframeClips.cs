using System.Globalization;
using Recut.Media.Processes;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Reframe;

/// <summary>
/// Generated 16:9 footage for the reframe tests: Grace Hopper's portrait (tests/media, public domain) on a flat
/// background, standing, walking across the frame, standing again — so where she is in each frame is known exactly.
/// </summary>
internal static class ReframeClips
{
    public const int Width = 1280;
    public const int Height = 720;
    public const double Seconds = 4;
    /// <summary>The portrait's size in the source (512×600 scaled to 300 px high).</summary>
    public const int PortraitWidth = 256;
    public const int PortraitHeight = 300;
    public const int PortraitTop = 300;
    /// <summary>The flat background, RGB.</summary>
    public static readonly (byte R, byte G, byte B) Background = (70, 110, 70);

    private static readonly TempDir Dir = new("recut-reframe-clips");
    private static readonly Lazy<Task<string>> Walk = new(() => WalkAsync(Dir.File("walk.mp4")));
    private static readonly Lazy<Task<string>> Empty = new(() => EmptyAsync(Dir.File("empty.mp4")));
    private static readonly Lazy<Task<string>> Glimpse = new(() => GlimpseAsync(Dir.File("glimpse.mp4")));

    /// <summary>The portrait at x = 80 until 1 s, moving at constant speed to x = 900 by 3 s, there until 4 s.</summary>
    public static Task<string> WalkAsync() => Walk.Value;

    /// <summary>The same background with a bright box sliding across it and no person.</summary>
    public static Task<string> EmptyAsync() => Empty.Value;

    /// <summary>The portrait for the first 0.6 s of 4 s only (15 % of the clip), then the empty background.</summary>
    public static Task<string> GlimpseAsync() => Glimpse.Value;

    /// <summary>The portrait's left edge in source pixels at time <paramref name="t"/>.</summary>
    public static double PortraitX(double t) => t < 1 ? 80 : t < 3 ? 80 + ((t - 1) * 410) : 900;

    private static string Colour => string.Create(CultureInfo.InvariantCulture, $"0x{Background.R:X2}{Background.G:X2}{Background.B:X2}");

    private static Task<string> WalkAsync(string path) => PortraitOverBackgroundAsync(path,
        $"overlay=x='if(lt(t,1),80,if(lt(t,3),80+(t-1)*410,900))':y={PortraitTop}");

    private static Task<string> GlimpseAsync(string path) => PortraitOverBackgroundAsync(path,
        $"overlay=x=500:y={PortraitTop}:enable='lt(t,0.6)'");

    /// <summary>A plain card the size of a head moving across: no person in it.</summary>
    private static Task<string> EmptyAsync(string path) => OverBackgroundAsync(path,
        ["-f", "lavfi", "-i", $"color=c=0xE0D0B0:s=200x200:r=30:d={Seconds}"], "[1:v]null[p]", "overlay=x='100+t*200':y=250");

    /// <summary>Grace Hopper's portrait laid over the flat background by <paramref name="overlay"/>.</summary>
    private static Task<string> PortraitOverBackgroundAsync(string path, string overlay) => OverBackgroundAsync(path,
        ["-loop", "1", "-framerate", "30", "-i", Path.Combine(TestMedia.MediaDir, "grace_hopper.jpg")],
        $"[1:v]scale={PortraitWidth}:{PortraitHeight}[p]", overlay);

    private static async Task<string> OverBackgroundAsync(string path, string[] foreground, string prepare, string overlay)
    {
        string[] args =
        [
            "-hide_banner", "-v", "error",
            "-f", "lavfi", "-i", $"color=c={Colour}:s={Width}x{Height}:r=30:d={Seconds}",
            .. foreground,
            "-filter_complex", $"{prepare};[0:v][p]{overlay}:shortest=1,format=yuv420p",
            "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "14", "-movflags", "+faststart", "-y", path,
        ];
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions(), CancellationToken.None);
        return path;
    }
}
