using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Recut.Bench.Foundation;
using Recut.Engines;
using Recut.Engines.Local;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Tests.Faces;
using Recut.Media.Probing;
using Recut.Media.Processes;
using Recut.Protocol.Requests;

namespace Recut.Bench.Person;

/// <summary>
/// The face edit on a generated crowd (the face tests' <see cref="CrowdScene"/>: the two portraits pasted ~80 times,
/// faces 22–90 px wide, panned past a 1280×720 window for 5 s, with sound): (1) the scan's recall on crowd stills per
/// face size and its cost per 720p frame, coarse and fine; (2) blur and pixelate, each timed against a plain transcode
/// of the same clip (libx264 veryfast CRF 20 + AAC), runs interleaved; (3) how many faces the detector still finds in
/// the edited frames. With --frames DIR: the mid-clip frame before and after each edit.
/// Usage: faces [--runs N] [--frames DIR]
/// </summary>
public static class FacesBench
{
    private const int Pan = 240;
    private static readonly int[] Rows = [22, 28, 36, 48, 64, 90];
    private static readonly (string Name, string Prompt)[] Edits = [("blur", "blur all the faces"), ("pixelate", "给人脸打码")];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchRuns.Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var frames = BenchRuns.Option(args, "--frames");
        var dir = Directory.CreateTempSubdirectory("recut-faces-bench").FullName;
        try
        {
            var loads = new List<string> { LoadAverage.Read() };
            ScanRecall();
            using var crowd = FaceAssets.Crowd(1280 + Pan, 720, Rows, seed: 11);
            var clip = await MakeClipAsync(crowd, dir);
            var info = await new FfprobeReader().ProbeAsync(clip, CancellationToken.None);
            var transcode = new List<double>();
            var times = Edits.ToDictionary(e => e.Name, _ => new List<double>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (name, prompt) in Edits)
                {
                    transcode.Add(await BenchRuns.TimeAsync(() => BenchRuns.TranscodeAsync(clip, Path.Combine(dir, "transcode.mp4"))));
                    var output = Path.Combine(dir, $"{name}.mp4");
                    times[name].Add(await BenchRuns.TimeAsync(() => BenchRuns.EditAsync(clip, info, prompt, dir, output, [FaceFrameProcessorFactory.FromOptions()])));
                    if (run == 0)
                    {
                        await CountLeftAsync(name, clip, output, crowd);
                        if (frames is not null)
                        {
                            await WriteFramesAsync(clip, output, frames, name);
                        }
                    }
                }
                loads.Add(LoadAverage.Read());
            }
            Console.WriteLine($"clip: 1280×720 window panning {Pan} px across a generated crowd, 5 s, 30 fps, with sound; {runs} interleaved runs; load average (1/5/15 min): {string.Join(" → ", loads)}");
            BenchRuns.PrintRatioTable(Edits, transcode, times);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Recall per face width on six crowd stills, and the scan's cost per frame (all squares, and without the fine ones).</summary>
    private static void ScanRecall()
    {
        using var detector = new FullRangeFaceDetector(FaceAssets.FullRangeModel);
        var scan = new FaceScan(detector);
        int[] bands = [16, 24, 40, 80, 400];
        var truth = new int[bands.Length - 1];
        var found = new int[bands.Length - 1];
        var foundCoarse = new int[bands.Length - 1];
        var fineMs = new List<double>();
        var coarseMs = new List<double>();
        var falseDetections = 0;
        for (var seed = 1; seed <= 6; seed++)
        {
            using var crowd = FaceAssets.Crowd(1280, 720, [18, 22, 28, 36, 48, 64, 90], seed);
            var clock = Stopwatch.StartNew();
            var all = scan.Detect(crowd.Frame);
            fineMs.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var coarse = scan.Detect(crowd.Frame, fine: false);
            coarseMs.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var face in crowd.Faces)
            {
                var band = Array.FindLastIndex(bands, b => face.Width >= b);
                if (band < 0 || band >= truth.Length)
                {
                    continue;
                }
                truth[band]++;
                found[band] += all.Any(d => FaceNms.IoU(d.Box, face) > 0.3f) ? 1 : 0;
                foundCoarse[band] += coarse.Any(d => FaceNms.IoU(d.Box, face) > 0.3f) ? 1 : 0;
            }
            falseDetections += all.Count(d => !crowd.Faces.Any(f => FaceNms.IoU(d.Box, f) > 0.1f));
        }
        Console.WriteLine("Scan recall on 6 generated 1280×720 crowd stills (IoU > 0.3 with the pasted face):");
        Console.WriteLine("| face width px | faces | found, all squares | found, coarse squares only |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var b = 0; b < truth.Length; b++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {bands[b]}–{bands[b + 1]} | {truth[b]} | {found[b]} ({100.0 * found[b] / Math.Max(1, truth[b]):0.0} %) | {foundCoarse[b]} ({100.0 * foundCoarse[b] / Math.Max(1, truth[b]):0.0} %) |"));
        }
        var size = new Size(1280, 720);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"false detections (IoU ≤ 0.1 with every face): {falseDetections} in 6 stills; one scan of a 720p frame, one thread: all {FaceScan.Regions(size).Count} squares {Report.Median(fineMs):0} ms, coarse {FaceScan.Regions(size, fine: false).Count} squares {Report.Median(coarseMs):0} ms (medians)"));
    }

    /// <summary>Faces the detector still finds (IoU > 0.3 with a pasted face) in the edited clip, against the source, at three times.</summary>
    private static async Task CountLeftAsync(string name, string clip, string output, CrowdScene crowd)
    {
        using var detector = new FullRangeFaceDetector(FaceAssets.FullRangeModel);
        var scan = new FaceScan(detector);
        foreach (var at in new[] { 0.5, 2.5, 4.5 })
        {
            var shift = (float)(Pan * at / 5);
            var truth = crowd.Faces.Select(f => new Rect2f(f.X - shift, f.Y, f.Width, f.Height)).Where(f => f.X >= 0 && f.X + f.Width <= 1280).ToList();
            using var before = await FrameAsync(clip, at);
            using var after = await FrameAsync(output, at);
            var seen = scan.Detect(before);
            var left = scan.Detect(after);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} at {at:0.0} s: {truth.Count} faces in view; detected in the source {truth.Count(t => seen.Any(d => FaceNms.IoU(d.Box, t) > 0.3f))}, in the result {truth.Count(t => left.Any(d => FaceNms.IoU(d.Box, t) > 0.3f))}"));
        }
    }

    private static async Task<Mat> FrameAsync(string video, double at)
    {
        var path = Path.Combine(Path.GetDirectoryName(video)!, $"frame-{Guid.NewGuid():N}.png");
        await ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-v", "error", "-i", video, "-ss", at.ToString("0.###", CultureInfo.InvariantCulture), "-frames:v", "1", "-y", path],
            new ProcessRunOptions(), CancellationToken.None);
        var mat = Cv2.ImRead(path);
        File.Delete(path);
        return mat;
    }

    private static async Task<string> MakeClipAsync(CrowdScene crowd, string dir)
    {
        var still = Path.Combine(dir, "crowd.png");
        Cv2.ImWrite(still, crowd.Frame);
        var path = Path.Combine(dir, "crowd.mp4");
        await ProcessRunner.Ffmpeg.RunAsync(
        [
            "-hide_banner", "-v", "error", "-loop", "1", "-framerate", "30", "-i", still,
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-filter_complex", $"[0:v]crop=1280:720:x='{Pan}*t/5':y=0,format=yuv420p[v]",
            "-map", "[v]", "-map", "1:a", "-t", "5", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac",
            "-movflags", "+faststart", "-y", path,
        ], new ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    private static async Task WriteFramesAsync(string clip, string output, string folder, string name)
    {
        Directory.CreateDirectory(folder);
        foreach (var (video, suffix) in new[] { (clip, "before"), (output, "after") })
        {
            await ProcessRunner.Ffmpeg.RunAsync(
                ["-hide_banner", "-v", "error", "-i", video, "-ss", "2.5", "-frames:v", "1", "-y", Path.Combine(folder, $"faces-{name}-{suffix}.png")],
                new ProcessRunOptions(), CancellationToken.None);
        }
    }
}
