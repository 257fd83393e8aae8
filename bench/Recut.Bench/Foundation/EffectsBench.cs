using System.Diagnostics;
using System.Globalization;
using Recut.Engines;
using Recut.Engines.Local;
using Recut.Media.Probing;
using Recut.Media.Processes;
using Recut.Protocol.Requests;

namespace Recut.Bench.Foundation;

/// <summary>
/// Issue 18's edits, each timed against a plain transcode of the same clip (libx264 veryfast CRF 20 + AAC, what every
/// edit's encoder does anyway), runs interleaved so a change in the machine's load hits both sides. The clip is 5 s
/// of the astronaut photograph at 1280×720 with a small shake and noise, so stabilise and denoise have work to do.
/// With --frames DIR it also writes each edit's mid-clip frame beside the source's (DIR/&lt;edit&gt;-before.png, -after.png).
/// The reframe cases run on a clip of their own (Grace Hopper's portrait walking across a flat 1280×720 background, 5 s,
/// with sound): the astronaut close-up's face is cut off by the frame's top, and a reframe needs a face to confirm the person.
/// With --only NAME[,NAME] it times just those edits (each still paired with its own transcode), for one new edit on a shared machine.
/// Usage: effects [--runs N] [--frames DIR] [--only NAME,…]
/// </summary>
public static class EffectsBench
{
    private static readonly (string Name, string Prompt)[] Edits =
    [
        ("vignette", "add a vignette"),
        ("grain", "add film grain"),
        ("fade", "fade in from black and fade out to black"),
        ("day-for-night", "make it day for night"),
        ("cartoon", "give it a cartoon style look"),
        ("speed-2x", "make it 2x faster"),
        ("slow-0.5x", "slow motion please"),
        ("reverse", "play it backwards"),
        ("trim", "only the first 3 seconds"),
        ("title", "add the title 'Summer 2026' at the top"),
        ("caption-zh", "在底部加上字幕：欢迎光临"),
        ("stabilise", "stabilise the footage"),
        ("denoise", "denoise it"),
        ("sharpen", "sharpen the image"),
        ("reframe-9x16", "make it vertical for TikTok"),
        ("reframe-1x1", "make it square"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchRuns.Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var frames = BenchRuns.Option(args, "--frames");
        var only = BenchRuns.Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var edits = only is null ? Edits : Edits.Where(e => only.Contains(e.Name)).ToArray();
        if (edits.Length == 0)
        {
            Console.Error.WriteLine($"effects: no edit named {string.Join(", ", only!)}; the edits are {string.Join(", ", Edits.Select(e => e.Name))}");
            return 2;
        }
        var dir = Directory.CreateTempSubdirectory("recut-effects-bench").FullName;
        try
        {
            var shared = await MakeClipAsync(Path.Combine(dir, "clip.mp4"), FindPhoto("astronaut.png"));
            var sharedInfo = await new FfprobeReader().ProbeAsync(shared, CancellationToken.None);
            var walk = edits.Any(e => IsReframe(e.Name)) ? await MakeWalkClipAsync(Path.Combine(dir, "walk.mp4"), FindPhoto("grace_hopper.jpg")) : null;
            var walkInfo = walk is null ? null : await new FfprobeReader().ProbeAsync(walk, CancellationToken.None);
            var transcode = new List<double>();
            var times = edits.ToDictionary(e => e.Name, _ => new List<double>());
            var loads = new List<string> { LoadAverage.Read() };
            for (var run = 0; run < runs; run++)
            {
                foreach (var (name, prompt) in edits)
                {
                    var (clip, info) = IsReframe(name) ? (walk!, walkInfo!) : (shared, sharedInfo);
                    transcode.Add(await BenchRuns.TimeAsync(() => BenchRuns.TranscodeAsync(clip, Path.Combine(dir, "transcode.mp4"))));
                    var output = Path.Combine(dir, $"{name}.mp4");
                    times[name].Add(await BenchRuns.TimeAsync(() => BenchRuns.EditAsync(clip, info, prompt, dir, output)));
                    if (run == 0 && frames is not null)
                    {
                        await WriteFramesAsync(clip, output, frames, name);
                    }
                }
                loads.Add(LoadAverage.Read());
            }
            Console.WriteLine($"clip: 1280×720, 5 s, 30 fps, with sound (reframe: the walking-portrait clip); {runs} interleaved runs; load average (1/5/15 min) during the runs: {string.Join(" → ", loads)}");
            BenchRuns.PrintRatioTable(edits, transcode, times);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The source and the result at the middle of the result (for a time edit, the source at that same second).</summary>
    private static async Task WriteFramesAsync(string clip, string output, string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var info = await new FfprobeReader().ProbeAsync(output, CancellationToken.None);
        var at = (info.DurationSeconds / 2).ToString("0.###", CultureInfo.InvariantCulture);
        foreach (var (video, suffix) in new[] { (clip, "before"), (output, "after") })
        {
            await ProcessRunner.Ffmpeg.RunAsync(
                ["-hide_banner", "-v", "error", "-i", video, "-ss", at, "-frames:v", "1", "-y", Path.Combine(folder, $"{name}-{suffix}.png")],
                new ProcessRunOptions(), CancellationToken.None);
        }
    }

    private static async Task<string> MakeClipAsync(string path, string photo)
    {
        await ProcessRunner.Ffmpeg.RunAsync(
        [
            "-hide_banner", "-v", "error", "-loop", "1", "-framerate", "30", "-i", photo,
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-filter_complex", "[0:v]scale=1400:788:force_original_aspect_ratio=increase,crop=1400:788,"
                + "crop=1280:720:60+12*sin(n*1.7)+6*sin(n*3.1):34+9*sin(n*2.3)+4*sin(n*4.9),noise=alls=8:allf=t,format=yuv420p[v]",
            "-map", "[v]", "-map", "1:a", "-t", "5", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac",
            "-movflags", "+faststart", "-y", path,
        ], new ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    private static bool IsReframe(string name) => name.StartsWith("reframe", StringComparison.Ordinal);

    /// <summary>The portrait standing, walking across the frame (1–3 s) and standing again, with a little sway, on a flat background.</summary>
    private static async Task<string> MakeWalkClipAsync(string path, string photo)
    {
        await ProcessRunner.Ffmpeg.RunAsync(
        [
            "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "color=c=0x466E46:s=1280x720:r=30:d=5",
            "-loop", "1", "-framerate", "30", "-i", photo, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-filter_complex", "[1:v]scale=256:300[p];[0:v][p]overlay=x='if(lt(t,1),80,if(lt(t,3),80+(t-1)*410,900))+8*sin(t*13)':y='300+4*sin(t*9)':shortest=1,format=yuv420p[v]",
            "-map", "[v]", "-map", "2:a", "-t", "5", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-c:a", "aac",
            "-movflags", "+faststart", "-y", path,
        ], new ProcessRunOptions(), CancellationToken.None);
        return path;
    }

    private static string FindPhoto(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "tests", "media", name);
            if (File.Exists(p))
            {
                return p;
            }
        }
        throw new FileNotFoundException($"tests/media/{name} not found above the bench's folder");
    }
}
