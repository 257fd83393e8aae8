using System.Globalization;
using Recut.Media.Processes;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>
/// Makes truth clips with one ffmpeg run: the person photo, cut out through its truth mask, is overlaid on the
/// background (H.264 mp4, like real input), and the same overlay of a white card through the same mask onto
/// black gives the per-frame truth (FFV1, lossless).
/// </summary>
public static class TruthClipBuilder
{
    private const int Fps = 30;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<TruthClip> BuildAsync(TruthClipSpec spec, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Directory.CreateDirectory(folder);
        var (photoW, photoH) = await ImageSizeAsync(spec.Person.PhotoPath, ct);
        var personH = Even(spec.Height * spec.PersonHeight);
        var personW = Even(personH * photoW / (double)photoH);
        var video = Path.Combine(folder, spec.Name + ".mp4");
        var truth = Path.Combine(folder, spec.Name + ".truth.mkv");
        var frames = (int)Math.Round(spec.Seconds * Fps);
        var count = frames.ToString(Inv);
        var (x, y) = Position(spec.Motion);
        var size = $"{spec.Width}x{spec.Height}";

        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-y" };
        args.AddRange(BackgroundInput(spec.Background, size));
        if (spec.PersonHeight > 0)
        {
            args.AddRange(["-loop", "1", "-framerate", $"{Fps}", "-i", spec.Person.PhotoPath]);
            args.AddRange(["-loop", "1", "-framerate", $"{Fps}", "-i", spec.Person.MaskPath]);
        }
        var graph = spec.PersonHeight <= 0 ? EmptyGraph(spec, size) : string.Join(';',
            $"[0:v]{BackgroundFilter(spec.Background, spec.Width, spec.Height)},setsar=1,format=rgb24[bg]",
            $"[1:v]scale={personW}:{personH}:flags=bicubic,format=rgba[photo]",
            $"[2:v]scale={personW}:{personH}:flags=bicubic,format=gray,split[ma][mb]",
            "[photo][ma]alphamerge[cut]",
            $"[bg][cut]overlay=x='{x}':y='{y}':eval=frame{Noise(spec.SensorNoise)},format=yuv420p[video]",
            $"color=c=white:size={personW}x{personH}:rate={Fps},format=rgba[card]",
            "[card][mb]alphamerge[cardcut]",
            $"color=c=black:size={size}:rate={Fps}[black]",
            $"[black][cardcut]overlay=x='{x}':y='{y}':eval=frame,format=gray[truth]");
        args.AddRange(["-filter_complex", graph]);
        args.AddRange(["-map", "[video]", "-frames:v", count, "-r", $"{Fps}", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", video]);
        args.AddRange(["-map", "[truth]", "-frames:v", count, "-r", $"{Fps}", "-c:v", "ffv1", truth]);
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(5) }, ct);
        return new TruthClip(spec, video, truth, frames);
    }

    /// <summary>No person: the background alone, and an all-black truth.</summary>
    private static string EmptyGraph(TruthClipSpec spec, string size) => string.Join(';',
        $"[0:v]{BackgroundFilter(spec.Background, spec.Width, spec.Height)},setsar=1{Noise(spec.SensorNoise)},format=yuv420p[video]",
        $"color=c=black:size={size}:rate={Fps},format=gray[truth]");

    /// <summary>Overlay position expressions (W,H: frame; w,h: person; t: seconds).</summary>
    private static (string X, string Y) Position(PersonMotion motion) => motion switch
    {
        PersonMotion.Still => ("(W-w)/2", "H-h"),
        _ => ("(W-w)*(0.5+0.5*sin(2*PI*t/4))", "H-h+0.02*H*(1+sin(2*PI*t/1.7))"),
    };

    private static string[] BackgroundInput(string background, string size) =>
        File.Exists(background)
            ? ["-loop", "1", "-framerate", $"{Fps}", "-i", background]
            // A source given with options ("gradients=seed=3") takes the size and rate after them.
            : ["-f", "lavfi", "-i", $"{background}{(background.Contains('=', StringComparison.Ordinal) ? ':' : '=')}size={size}:rate={Fps}"];

    private static string BackgroundFilter(string background, int width, int height) =>
        File.Exists(background)
            ? $"scale={width}:{height}:force_original_aspect_ratio=increase,crop={width}:{height}"
            : "null";

    private static string Noise(int strength) => strength > 0 ? $",noise=alls={strength}:allf=t" : "";

    private static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);

    private static async Task<(int Width, int Height)> ImageSizeAsync(string path, CancellationToken ct)
    {
        using var output = new MemoryStream();
        await ProcessRunner.Ffprobe.RunAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path],
            new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(1), ReadStdout = (s, t) => s.CopyToAsync(output, t) }, ct);
        var parts = System.Text.Encoding.ASCII.GetString(output.ToArray()).Trim().Split(',');
        return (int.Parse(parts[0], Inv), int.Parse(parts[1], Inv));
    }
}
