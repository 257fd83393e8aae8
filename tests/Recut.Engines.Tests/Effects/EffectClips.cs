using System.Globalization;
using System.Text.Json;
using Recut.Engines.Tests.Support;
using Recut.TestSupport;

namespace Recut.Engines.Tests.Effects;

/// <summary>Generated clips whose content makes one effect measurable, made once per test run.</summary>
internal static class EffectClips
{
    private static readonly TempDir Dir = CreateDir();

    /// <summary>Flat mid-grey, 640×360, 2 s, with a tone: a vignette or grain shows on it and nothing else does.</summary>
    public static Task<string> GreyAsync() => Grey.Value;

    /// <summary>A horizontal black-to-white ramp, 2 s: posterising turns it into steps.</summary>
    public static Task<string> RampAsync() => Ramp.Value;

    /// <summary>testsrc2 (moving content, a frame counter), 4 s, 30 fps, with a 440 Hz tone: for speed, reverse and trims.</summary>
    public static Task<string> MovingAsync() => Moving.Value;

    /// <summary>The astronaut photograph shaken by a known pseudo-random crop offset (up to ±40 px), 2 s.</summary>
    public static Task<string> ShakyAsync() => Shaky.Value;

    /// <summary>The same photograph held still, 2 s.</summary>
    public static Task<string> SteadyAsync() => Steady.Value;

    /// <summary>A flat grey-blue picture with temporal noise added (ffmpeg's noise filter, amplitude 14), 2 s.</summary>
    public static Task<string> NoisyAsync() => Noisy.Value;

    private static readonly Lazy<Task<string>> Grey = new(() => SharedMedia.MakeClipAsync(Dir.File("grey.mp4"),
        "color=c=0x808080:s=640x360:r=30,format=yuv420p", 2, withAudio: true));
    private static readonly Lazy<Task<string>> Ramp = new(() => SharedMedia.MakeClipAsync(Dir.File("ramp.mp4"),
        "color=c=black:s=640x360:r=30,format=gray,geq=lum='X*255/W',format=yuv420p", 2, withAudio: false));
    private static readonly Lazy<Task<string>> Moving = new(() => SharedMedia.MakeClipAsync(Dir.File("moving.mp4"),
        "testsrc2=size=640x360:rate=30,format=yuv420p", 4, withAudio: true));
    private static readonly Lazy<Task<string>> Shaky = new(() => PhotoClipAsync("shaky.mp4",
        "crop=640:360:80+25*sin(n*1.7)+15*sin(n*3.1):45+20*sin(n*2.3)+10*sin(n*4.9)"));
    private static readonly Lazy<Task<string>> Steady = new(() => PhotoClipAsync("steady.mp4", "crop=640:360:80:45"));
    private static readonly Lazy<Task<string>> Noisy = new(() => SharedMedia.MakeClipAsync(Dir.File("noisy.mp4"),
        "color=c=0x707478:s=640x360:r=30,noise=alls=14:allf=t,format=yuv420p", 2, withAudio: false));

    private static async Task<string> PhotoClipAsync(string name, string crop)
    {
        var path = Dir.File(name);
        string[] args =
        [
            "-hide_banner", "-v", "error", "-loop", "1", "-framerate", "30", "-i", Path.Combine(TestMedia.MediaDir, "astronaut.png"),
            "-vf", $"scale=800:450:force_original_aspect_ratio=increase,crop=800:450,{crop},format=yuv420p",
            "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", "-movflags", "+faststart", "-y", path,
        ];
        await Recut.Media.Processes.ProcessRunner.Ffmpeg.RunAsync(args, new Recut.Media.Processes.ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    /// <summary>Seconds of the file's first stream of this type ("video", "audio"), from ffprobe.</summary>
    public static async Task<double> StreamSecondsAsync(string path, string type)
    {
        using var json = await Probe.FfprobeJsonAsync(path);
        foreach (var s in json.RootElement.GetProperty("streams").EnumerateArray())
        {
            if (s.GetProperty("codec_type").GetString() == type)
            {
                return double.Parse(s.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"no {type} stream in {path}");
    }

    /// <summary>Mean of 0.299R+0.587G+0.114B over a rectangle.</summary>
    public static double Luma(RgbFrame f, int x0, int y0, int w, int h)
    {
        var (r, g, b) = f.MeanRgb(x0, y0, w, h);
        return (0.299 * r) + (0.587 * g) + (0.114 * b);
    }

    /// <summary>Standard deviation of the green channel over a rectangle (noise on a flat picture).</summary>
    public static double Spread(RgbFrame f, int x0, int y0, int w, int h)
    {
        double s = 0, q = 0;
        long n = 0;
        for (var y = y0; y < y0 + h; y++)
        {
            for (var x = x0; x < x0 + w; x++)
            {
                var v = f.Rgb[((y * f.Width) + x) * 3 + 1];
                s += v;
                q += v * v;
                n++;
            }
        }
        return Math.Sqrt(Math.Max(0, (q / n) - ((s / n) * (s / n))));
    }

    /// <summary>Pixels brighter than 200 in all channels within a band of rows: white text.</summary>
    public static int WhitePixels(RgbFrame f, int y0, int y1)
    {
        var count = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = 0; x < f.Width; x++)
            {
                var i = ((y * f.Width) + x) * 3;
                count += f.Rgb[i] > 200 && f.Rgb[i + 1] > 200 && f.Rgb[i + 2] > 200 ? 1 : 0;
            }
        }
        return count;
    }

    private static TempDir CreateDir()
    {
        var dir = new TempDir("recut-effect-clips");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        return dir;
    }
}
