using System.Globalization;
using OpenCvSharp;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Local.Plan;
using Recut.Engines.Local.Rendering;
using Recut.Media.Processes;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Reframing;

/// <summary>
/// The first pass of a reframe, as <see cref="Stabiliser"/> is vid.stab's: ffmpeg decodes the frames the render will
/// see (same span and speed; whole frames, small, 10 a second) as BGR to this process, <see cref="SubjectLocator"/>
/// finds the person in each, the sightings are spread onto the output's 30 fps, <see cref="CameraPath"/> turns them
/// into the window's path and <see cref="ReframeFilters.Commands"/> writes it for the render's <c>sendcmd</c>.
/// <para>
/// No person in the clip (nothing segmented, or no face ever confirming it) is UnsupportedEdit: the engine never
/// passes a centre crop off as following the person. A person seen in only part of the clip is followed where seen
/// and waited for where not (the window holds where they were last, or first, seen), as long as they are in at least
/// <see cref="MinimumPresence"/> of the analysed frames; below that the clip is refused as well.
/// </para>
/// </summary>
public static class ReframeAnalyser
{
    public const double AnalysisFps = 10;
    public const int AnalysisLongSide = 512;
    public const double MinimumPresence = 0.25;
    private const string FileName = "reframe.cmd";

    /// <param name="progress">Told analysed frames over the frames expected at <see cref="AnalysisFps"/>.</param>
    public static async Task<RenderSpec> AnalyseAsync(LocalMedia video, RenderSpec spec, string workDirectory, string? modelsRoot, CancellationToken ct,
        ProgressTracker? progress = null)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(spec);
        var reframe = spec.Reframe ?? throw new ArgumentException("the spec has no reframe", nameof(spec));
        var root = modelsRoot ?? ModelLocator.FindModelsRoot();
        if (SubjectLocator.UnavailableReason(root) is { } missing)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit, $"Reframing to follow the person is unavailable on this server: its person models are not installed ({missing}).");
        }
        var (w, h) = AnalysisSize(video.Info.DisplaySize);
        var sightings = await SightAsync(video, spec, w, h, root, workDirectory, progress, ct).ConfigureAwait(false);
        var found = sightings.Count(s => s is not null);
        var options = new MaskOptions();
        var bestFace = sightings.Where(s => s is not null).Select(s => s!.Value.FaceScore).DefaultIfEmpty(0).Max();
        if (found == 0 || bestFace < options.MinFaceScore)
        {
            throw new ApiErrorException(ErrorCodes.NoPersonFound, found == 0
                ? $"No person was found to follow: none of the {sightings.Count} analysed frames shows one, so the video cannot be reframed around a person."
                : $"No person was found to follow: something person-shaped was seen in {found} of {sightings.Count} analysed frames, but no face confirmed it, so the video cannot be reframed around a person.");
        }
        if (found < MinimumPresence * sightings.Count)
        {
            throw new ApiErrorException(ErrorCodes.NoPersonFound, string.Create(CultureInfo.InvariantCulture,
                $"The person to follow is in only {found} of {sightings.Count} analysed frames (under {MinimumPresence:P0} of the clip), too little to reframe the video around them."));
        }
        var path = Solve(reframe, sightings, w, h, spec.ExpectedFrames, spec.Fps);
        var file = Path.Combine(Path.GetFullPath(workDirectory), FileName);
        await File.WriteAllTextAsync(file, ReframeFilters.Commands(reframe.Axis, path, spec.Fps), ct).ConfigureAwait(false);
        return spec with { Reframe = reframe with { CommandsPath = file, InitialShare = path.Count > 0 ? path[0] : 0.5 } };
    }

    /// <summary>The window's share of its room for each output frame, from the sightings in a <paramref name="w"/>×<paramref name="h"/> analysis frame.</summary>
    public static IReadOnlyList<double> Solve(ReframeSpec reframe, IReadOnlyList<SubjectSighting?> sightings, int w, int h, int frames, double fps)
    {
        ArgumentNullException.ThrowIfNull(reframe);
        ArgumentNullException.ThrowIfNull(sightings);
        var horizontal = reframe.Axis == ReframeAxis.Horizontal;
        var frameLength = horizontal ? w : h;
        var window = Math.Min(frameLength, horizontal ? h * reframe.OutputAspect : w / reframe.OutputAspect);
        // Along the width the window centres the subject; along the height it puts the head a third of the way down.
        var points = sightings.Select(s => s is { } v ? horizontal ? v.X : v.HeadY + (window / 6) : (double?)null).ToList();
        var camera = new CameraPath(frameLength, window, fps);
        var centres = camera.Solve(Resample(points, frames, fps));
        return centres.Select(camera.Share).ToList();
    }

    /// <summary>Analysis samples (at <see cref="AnalysisFps"/>) spread onto output frames: linear between two sightings, none where a neighbour is missing.</summary>
    public static IReadOnlyList<double?> Resample(IReadOnlyList<double?> samples, int frames, double fps)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var result = new double?[frames];
        for (var k = 0; k < frames && samples.Count > 0; k++)
        {
            var at = k / fps * AnalysisFps;
            var i = Math.Min((int)Math.Floor(at), samples.Count - 1);
            var j = Math.Min(i + 1, samples.Count - 1);
            var f = at - i;
            result[k] = samples[i] is { } a && samples[j] is { } b ? a + ((b - a) * Math.Clamp(f, 0, 1)) : f < 0.5 ? samples[i] : samples[j];
        }
        return result;
    }

    private static (int W, int H) AnalysisSize((int Width, int Height) display)
    {
        var (dw, dh) = display;
        return dw >= dh
            ? (AnalysisLongSide, Even(AnalysisLongSide * dh / (double)dw))
            : (Even(AnalysisLongSide * dw / (double)dh), AnalysisLongSide);
    }

    private static async Task<List<SubjectSighting?>> SightAsync(LocalMedia video, RenderSpec spec, int w, int h, string root, string workDirectory,
        ProgressTracker? progress, CancellationToken ct)
    {
        var expected = Math.Max(1, spec.DurationSeconds * AnalysisFps);
        var chain = new List<string>();
        if (spec.Timing is { } timing)
        {
            chain.AddRange(TimeFilters.Picture(timing));
        }
        chain.Add(string.Create(CultureInfo.InvariantCulture, $"fps={AnalysisFps:0.###},scale={w}:{h}:flags=area,setsar=1"));
        string[] args =
        [
            "-hide_banner", "-v", "error", .. video.InputArguments(),
            "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", string.Join(',', chain),
            "-t", spec.DurationSeconds.ToString("0.######", CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1",
        ];
        var sightings = new List<SubjectSighting?>();
        using var locator = new SubjectLocator(root, w, h);
        await ProcessRunner.Ffmpeg.RunAsync(args, new ProcessRunOptions
        {
            WorkingDirectory = Path.GetFullPath(workDirectory),
            WidePipes = true,
            ReadStdout = async (stdout, token) =>
            {
                var buffer = new byte[w * h * 3];
                using var frame = new Mat(h, w, MatType.CV_8UC3);
                while (await ReadFrameAsync(stdout, buffer, token).ConfigureAwait(false))
                {
                    System.Runtime.InteropServices.Marshal.Copy(buffer, 0, frame.Data, buffer.Length);
                    sightings.Add(locator.Locate(frame));
                    progress?.Report(sightings.Count / expected);
                }
            },
        }, ct).ConfigureAwait(false);
        return sightings;
    }

    private static async Task<bool> ReadFrameAsync(Stream stdout, byte[] buffer, CancellationToken ct)
    {
        var read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        return read == buffer.Length;
    }

    private static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
}
