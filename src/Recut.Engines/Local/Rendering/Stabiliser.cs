using System.Globalization;
using Recut.Media.Processes;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// The first of vid.stab's two passes: <c>vidstabdetect</c> over exactly the frames the render will see (same span,
/// speed and shaping), writing the measured motion to a file in the task's work folder; the render then runs
/// <c>vidstabtransform</c> on it. The file also says whether there is anything to stabilise: the median local motion of
/// each frame is its global shift, and the jitter is what is left of that path once a half-second moving average is
/// taken out. Below <see cref="MinimumJitterPixels"/> the clip is steady and the edit is refused rather than reported
/// as done.
/// </summary>
public static class Stabiliser
{
    public const double MinimumJitterPixels = 0.6;
    private const string FileName = "stabilise.trf";

    public static string TransformFilter(string transformsPath) =>
        $"vidstabtransform=input={FilterEscaping.Quote(transformsPath)}:smoothing=15:optzoom=1:interpol=bilinear";

    /// <returns>The spec with the measured motion's file; throws UnsupportedEdit.NothingToStabilise on a steady clip.</returns>
    public static async Task<RenderSpec> DetectAsync(LocalMedia video, RenderSpec spec, string workDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(spec);
        var path = Path.Combine(Path.GetFullPath(workDirectory), FileName);
        var chain = new List<string>();
        FilterGraphBuilder.AddTimingAndShaping(chain, spec with { StabiliseTransformsPath = null });
        chain.Add($"vidstabdetect=shakiness=6:accuracy=9:result={FilterEscaping.Quote(path)}");
        string[] args =
        [
            "-hide_banner", "-v", "error", .. video.InputArguments(),
            "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", string.Join(',', chain),
            "-t", spec.DurationSeconds.ToString("0.######", CultureInfo.InvariantCulture), "-f", "null", "-",
        ];
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions { WorkingDirectory = Path.GetDirectoryName(path) }, ct).ConfigureAwait(false);
        var jitter = Jitter(await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false));
        if (jitter < MinimumJitterPixels)
        {
            throw new ApiErrorException(ErrorCodes.NothingToStabilise, string.Create(CultureInfo.InvariantCulture,
                $"The video is already steady (measured camera shake {jitter:0.00} px per frame, below {MinimumJitterPixels:0.0} px), so there is nothing to stabilise."));
        }
        return spec with { StabiliseTransformsPath = path };
    }

    /// <summary>RMS distance (px) of each frame's cumulative shift from its 15-frame moving average.</summary>
    public static double Jitter(IEnumerable<string> trfLines)
    {
        ArgumentNullException.ThrowIfNull(trfLines);
        var (x, y) = (0.0, 0.0);
        var path = new List<(double X, double Y)>();
        foreach (var line in trfLines.Where(l => l.StartsWith("Frame ", StringComparison.Ordinal)))
        {
            var shifts = line.Split("(LM ", StringSplitOptions.None).Skip(1)
                .Select(lm => lm.Split(' '))
                .Where(f => f.Length >= 2)
                .Select(f => (X: double.Parse(f[0], CultureInfo.InvariantCulture), Y: double.Parse(f[1], CultureInfo.InvariantCulture)))
                .ToList();
            if (shifts.Count > 0)
            {
                x += Median(shifts.Select(s => s.X));
                y += Median(shifts.Select(s => s.Y));
            }
            path.Add((x, y));
        }
        if (path.Count < 3)
        {
            return 0;
        }
        double sum = 0;
        for (var i = 0; i < path.Count; i++)
        {
            var window = path.Skip(Math.Max(0, i - 7)).Take(15).ToList();
            var (mx, my) = (window.Average(p => p.X), window.Average(p => p.Y));
            sum += ((path[i].X - mx) * (path[i].X - mx)) + ((path[i].Y - my) * (path[i].Y - my));
        }
        return Math.Sqrt(sum / path.Count);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
