using System.Diagnostics;
using System.Globalization;

namespace Recut.Bench.Foundation;

/// <summary>The foundation benches' inputs, made once before anything is measured.</summary>
public static class BenchMedia
{
    /// <summary>
    /// in.mp4: testsrc2 1280×720 30 fps with a 440 Hz tone, as <c>ffmpeg -c:v libx264 -preset veryfast</c> writes it by
    /// default (keyint 250, so a 5 s clip has one keyframe: the sampler's hardest case); look.png: a colour
    /// gradient for the colour look; logo.png: a red disc with transparent corners for the overlay.
    /// </summary>
    public static async Task MakeAsync(string folder, int seconds, CancellationToken ct)
    {
        var d = seconds.ToString(CultureInfo.InvariantCulture);
        await FfmpegAsync(ct, "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate=30:duration={d}", "-f", "lavfi", "-i", $"sine=frequency=440:duration={d}",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", Path.Combine(folder, "in.mp4"));
        await FfmpegAsync(ct, "-f", "lavfi", "-i", "gradients=s=960x540:c0=0xff7a00:c1=0x7a1fa2:nb_colors=2:seed=7", "-frames:v", "1",
            Path.Combine(folder, "look.png"));
        await FfmpegAsync(ct, "-f", "lavfi", "-i", "color=c=red:s=400x400,format=rgba,geq=r=230:g=20:b=20:a='if(lt(hypot(X-200,Y-200),180),255,0)'",
            "-frames:v", "1", Path.Combine(folder, "logo.png"));
    }

    private static async Task FfmpegAsync(CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. args])
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {await stderr}");
        }
    }
}

/// <summary>A temporary folder with the bench media in it, served over loopback; deleted on dispose.</summary>
public sealed class BenchWorkspace : IDisposable
{
    private readonly DirectoryInfo _dir;

    private BenchWorkspace(DirectoryInfo dir, MediaFolderServer files)
    {
        _dir = dir;
        Files = files;
    }

    public string Folder => _dir.FullName;

    public MediaFolderServer Files { get; }

    public string Media => Path.Combine(Folder, "media");

    public static async Task<BenchWorkspace> CreateAsync(string prefix, int seconds, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory(prefix);
        try
        {
            var media = Directory.CreateDirectory(Path.Combine(dir.FullName, "media")).FullName;
            await BenchMedia.MakeAsync(media, seconds, ct);
            return new BenchWorkspace(dir, new MediaFolderServer(media));
        }
        catch
        {
            dir.Delete(recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Files.Dispose();
        _dir.Delete(recursive: true);
    }
}
