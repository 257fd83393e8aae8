using System.Globalization;
using SkiaSharp;

namespace Recut.TestSupport;

/// <summary>Small generated media for tests: made on the spot by ffmpeg lavfi or SkiaSharp.</summary>
public static class TestMedia
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A lavfi-generated clip. <paramref name="source"/> is a lavfi source expression ("testsrc2",
    /// "smpte", "gradients", "color=c=red", "mandelbrot"); size and rate are appended. H.264 (VP9 for
    /// webm), moov first; odd sizes fall back to yuv444p because yuv420p needs even sides.
    /// </summary>
    public static async Task<string> VideoAsync(string path, int width = 640, int height = 360, double seconds = 2,
        string source = "testsrc2", bool withAudio = false, int fps = 30, string container = "mp4", CancellationToken ct = default)
    {
        var duration = seconds.ToString("0.###", Inv);
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", Ffmpeg.Lavfi(source, width, height, fps),
        };
        if (withAudio)
        {
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]);
        }
        args.AddRange(["-t", duration, "-map", "0:v"]);
        if (withAudio)
        {
            args.AddRange(["-map", "1:a", "-c:a", container == "webm" ? "libopus" : "aac", "-b:a", "64k"]);
        }
        var even = width % 2 == 0 && height % 2 == 0;
        if (container == "webm")
        {
            args.AddRange(["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-pix_fmt", "yuv420p"]);
        }
        else
        {
            args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", even ? "yuv420p" : "yuv444p"]);
        }
        if (container is "mp4" or "mov")
        {
            args.AddRange(["-movflags", "+faststart"]);
        }
        args.AddRange(["-f", Muxer(container), path]);
        EnsureFolder(path);
        await Ffmpeg.RunAsync(args, ct).ConfigureAwait(false);
        return path;
    }

    /// <summary>A still image from a lavfi source, encoded by the extension of <paramref name="path"/> (png/jpg/bmp/webp).</summary>
    public static async Task<string> ImageAsync(string path, int width, int height, string source = "testsrc2", CancellationToken ct = default)
    {
        var ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        var codec = ext switch
        {
            ".png" => "png",
            ".jpg" or ".jpeg" => "mjpeg",
            ".bmp" => "bmp",
            ".webp" => "libwebp",
            _ => throw new ArgumentException($"unsupported image extension '{ext}'", nameof(path)),
        };
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", Ffmpeg.Lavfi(source, width, height, fps: null),
            "-frames:v", "1", "-c:v", codec,
        };
        if (codec == "mjpeg")
        {
            args.AddRange(["-q:v", "3", "-pix_fmt", "yuvj444p"]);
        }
        args.AddRange(["-f", "image2", "-update", "1", path]);
        EnsureFolder(path);
        await Ffmpeg.RunAsync(args, ct).ConfigureAwait(false);
        return path;
    }

    /// <summary>An RGBA PNG: transparent background, an opaque rounded rectangle in <paramref name="colour"/>.</summary>
    public static string LogoPng(string path, int width, int height, SKColor colour)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = colour.WithAlpha(255), IsAntialias = true, Style = SKPaintStyle.Fill };
        var inset = Math.Min(width, height) * 0.15f;
        var rect = new SKRect(inset, inset, width - inset, height - inset);
        canvas.DrawRoundRect(rect, inset, inset, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        EnsureFolder(path);
        using var file = System.IO.File.Create(path);
        data.SaveTo(file);
        return path;
    }

    /// <summary>
    /// The real photographs kept in the repository (tests/media: astronaut.png, grace_hopper.jpg and their licence),
    /// so a plain clone needs nothing beside it.
    /// </summary>
    public static string MediaDir { get; } = FindMediaDir();

    /// <summary>The former name of <see cref="MediaDir"/>, kept for callers; it no longer points outside the repository.</summary>
    public static string SharedMediaDir => MediaDir;

    /// <summary>The repository root (the folder holding Recut.sln), or null when not found.</summary>
    public static string? RepoRoot { get; } = FindRepoRoot();

    // Static initialisers run in text order, so this must not read RepoRoot (declared below): it would still be null.
    private static string FindMediaDir() =>
        FindRepoRoot() is { } root
            ? System.IO.Path.Combine(root, "tests", "media")
            : throw new InvalidOperationException("Recut.sln not found above " + AppContext.BaseDirectory + ": cannot find tests/media");

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Recut.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static string Muxer(string container) => container switch
    {
        "mp4" => "mp4",
        "mov" => "mov",
        "mkv" => "matroska",
        "webm" => "webm",
        "avi" => "avi",
        _ => container,
    };

    private static void EnsureFolder(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
    }
}
