using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Recut.Bench.Foundation;

/// <summary>
/// Foundation benchmark: a 5 s 1280×720 30 fps clip with sound, edited end to end through <c>recut serve</c> (submit →
/// SUCCEEDED by the server's end_time), against two yardsticks on the same clip: the plain default transcode
/// (<c>-c:v libx264 -preset veryfast</c>) and one with the edit's own quality settings (crf 20, AAC 128k, faststart).
/// Every measured run is interleaved with the others — round after round of each server's edits and both
/// yardsticks, the order rotated each round — so a burst of load from elsewhere falls on all of them alike; the
/// machine's load average is read before and after every round and printed with the result.
/// </summary>
public static class EditVsTranscode
{
    private const string Usage =
        "usage: edit-vs-transcode [--runs N] [--seconds S] [--edits colour,overlay,global] [--recut LABEL=PATH]...\n"
        + "  --recut may be given several times (e.g. before=/tmp/old/recut after=./recut): each runs its own server, interleaved.";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The edits the target covers: one each of a colour look, an overlay and a global look.</summary>
    private static readonly Dictionary<string, (string Prompt, string? Reference)> Edits = new()
    {
        ["colour"] = ("Give the video the colour look of the reference image", "look.png"),
        ["overlay"] = ("Put the logo in the top right corner", "logo.png"),
        ["global"] = ("Make the video black and white", null),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 5;
        var seconds = 5;
        var edits = new List<string> { "colour" };
        var servers = new List<(string Label, string Launcher)>();
        if (!BenchOptions.Parse(args, Usage, new Dictionary<string, Action<string>>
        {
            ["--runs"] = v => runs = int.Parse(v, Inv),
            ["--seconds"] = v => seconds = int.Parse(v, Inv),
            ["--edits"] = v => edits = v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            ["--recut"] = v =>
            {
                var spec = v.Split('=', 2);
                servers.Add(spec.Length == 2 ? (spec[0], Path.GetFullPath(spec[1])) : ("recut", Path.GetFullPath(spec[0])));
            },
        }))
        {
            return 2;
        }
        if (edits.Any(e => !Edits.ContainsKey(e)) || runs < 1)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (servers.Count == 0)
        {
            servers.Add(("recut", Path.Combine(RepoRoot(), "recut")));
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var ct = cts.Token;
        using var work = await BenchWorkspace.CreateAsync("recut-bench-", seconds, ct);
        var started = new List<BenchServer>();
        try
        {
            foreach (var (label, launcher) in servers)
            {
                Console.Error.WriteLine($"starting {label}: {launcher} serve");
                started.Add(await BenchServer.StartAsync(label, launcher, Path.Combine(work.Folder, "data-" + label), 1, ct));
            }
            var load0 = LoadAverage.Read();
            var results = await MeasureAsync(started, edits, work.Files, work.Media, work.Folder, runs, ct);
            var load1 = LoadAverage.Read();
            Report.Print(results, runs, seconds, edits, load0, load1);
        }
        finally
        {
            foreach (var s in started)
            {
                await s.DisposeAsync();
            }
        }
        return 0;
    }

    /// <summary>One measured variant: an edit on one server, or a yardstick.</summary>
    internal sealed class Variant(string name, Func<CancellationToken, Task<Sample>> run)
    {
        public string Name { get; } = name;
        public Func<CancellationToken, Task<Sample>> Run { get; } = run;
        public List<Sample> Samples { get; } = [];
        public bool IsYardstick { get; init; }
        public string? Edit { get; init; }
    }

    /// <summary>One run's wall time, and for an edit the time the final event reached the client and the task log's steps.</summary>
    internal sealed record Sample(double Seconds, double ObservedSeconds, IReadOnlyList<(string Step, double Seconds)> Steps);

    internal sealed record Round(int Index, string Load);

    private static async Task<(List<Variant> Variants, List<Round> Rounds)> MeasureAsync(List<BenchServer> servers, List<string> edits,
        MediaFolderServer files, string media, string work, int runs, CancellationToken ct)
    {
        var input = Path.Combine(media, "in.mp4");
        var variants = new List<Variant>();
        foreach (var edit in edits)
        {
            foreach (var server in servers)
            {
                var body = RequestBody(edit, files);
                variants.Add(new Variant($"{edit} edit via server ({server.Label})", token => EditAsync(server, body, token)) { Edit = edit });
            }
        }
        variants.Add(new Variant("plain transcode: -c:v libx264 -preset veryfast (defaults: crf 23, AAC, no faststart)",
            token => TranscodeAsync(input, Path.Combine(work, "plain.mp4"), [], token)) { IsYardstick = true });
        variants.Add(new Variant("matched transcode: + -crf 20 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart",
            token => TranscodeAsync(input, Path.Combine(work, "matched.mp4"),
                ["-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart"], token)) { IsYardstick = true });

        // One discarded warm-up of each: the servers' first task pays for JIT and the first SQLite pages, the
        // first ffmpeg for a cold page cache.
        Console.Error.WriteLine("warm-up round (discarded)");
        foreach (var v in variants)
        {
            await v.Run(ct);
        }
        var rounds = new List<Round>();
        for (var r = 0; r < runs; r++)
        {
            var before = LoadAverage.Read();
            // Rotated order: no variant always runs right after the same neighbour.
            for (var k = 0; k < variants.Count; k++)
            {
                var v = variants[(k + r) % variants.Count];
                var sample = await v.Run(ct);
                v.Samples.Add(sample);
                Console.Error.WriteLine(string.Create(Inv, $"round {r + 1}/{runs}  {sample.Seconds,6:0.000} s  {v.Name}"));
            }
            rounds.Add(new Round(r + 1, $"{before} → {LoadAverage.Read()}"));
        }
        return (variants, rounds);
    }

    private static async Task<Sample> EditAsync(BenchServer server, string body, CancellationToken ct)
    {
        var (id, submitted) = await server.SubmitAsync(body, ct);
        var (end, observed) = await server.WaitSucceededAsync(id, ct);
        // The log line of SUCCEEDED is written after the compare-and-set; give the console logger a moment.
        await Task.Delay(50, ct);
        return new Sample((end - submitted).TotalSeconds, (observed - submitted).TotalSeconds, TaskSteps.Of(server.Log, id, submitted));
    }

    private static async Task<Sample> TranscodeAsync(string input, string output, string[] extra, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", input, "-c:v", "libx264", "-preset", "veryfast", .. extra, output])
        {
            psi.ArgumentList.Add(a);
        }
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {await stderr}");
        }
        return new Sample(elapsed, elapsed, []);
    }

    internal static string RequestBody(string edit, MediaFolderServer files)
    {
        var (prompt, reference) = Edits[edit];
        var media = new List<object> { new { type = "video", url = files.Url("in.mp4") } };
        if (reference is not null)
        {
            media.Add(new { type = "reference_image", url = files.Url(reference) });
        }
        return JsonSerializer.Serialize(new
        {
            model = "wan2.7-videoedit",
            input = new { prompt, media },
            parameters = new { resolution = "720P", prompt_extend = true },
        });
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recut.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
