using Recut.Media.Processes;

namespace Recut.Cli.Commands;

/// <summary>The demo's generated inputs: a 5 s 720p clip with sound and a colourful reference image.</summary>
public static class DemoMedia
{
    public const string Clip = "sample.mp4";
    public const string Look = "look.png";
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { Clip, Look };

    public static string ContentType(string name) => name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "video/mp4";

    public static async Task CreateAsync(string dir, CancellationToken ct)
    {
        var options = new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(2) };
        var clip = Path.Combine(dir, Clip);
        if (!File.Exists(clip))
        {
            await ProcessRunner.Ffmpeg.RunAsync([
                "-hide_banner", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=5",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=5",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-progress", "pipe:1", "-nostats", clip], options, ct);
        }
        var look = Path.Combine(dir, Look);
        if (!File.Exists(look))
        {
            await ProcessRunner.Ffmpeg.RunAsync([
                "-hide_banner", "-nostdin", "-y",
                "-f", "lavfi", "-i", "gradients=size=960x540:c0=0xff7a00:c1=0x7a1fa2:c2=0xffd200:nb_colors=3:seed=7",
                "-frames:v", "1", "-progress", "pipe:1", "-nostats", look], options, ct);
        }
    }
}
