using System.Diagnostics;
using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>
/// What edge refinement costs (<c>matte-speed</c>): C# milliseconds per 720p background-replace frame with it off,
/// with the guided filter alone, with the colour line as well, and with the close-up segmenter pass on top, same frames, same process, rounds interleaved and the best of each kept — so machine load, which
/// only slows a round, cancels out of the difference better than in the end-to-end fps runs.
/// </summary>
public static class MatteSpeed
{
    private const int Frames = 45;
    private const int Rounds = 3;

    public static async Task<int> RunAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "recut-bench-mattespeed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var (frames, reference) = await SpeedFrames.BuildAsync("speed-720p", work);
            var variants = new Dictionary<string, MaskOptions>
            {
                ["coarse"] = new() { RefineEdges = false, PersonCrop = false },
                ["guided"] = new() { RefineEdges = true, ColourLine = false, PersonCrop = false },
                ["refined"] = new() { RefineEdges = true, PersonCrop = false },
                ["close-up"] = new() { RefineEdges = true },
                ["close-up, 320 guide"] = new() { RefineEdges = true, EdgeGuideSide = 320 },
            };
            var best = variants.Keys.ToDictionary(k => k, _ => double.MaxValue);
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (name, options) in variants)
                {
                    var ms = Time(frames, options, reference, work);
                    best[name] = Math.Min(best[name], ms);
                    Console.Error.WriteLine($"round {round + 1}, {name}: {ms:0.0} ms/frame");
                }
            }
            Console.WriteLine($"720p background replace, C# per frame (best of {Rounds}): coarse {best["coarse"]:0.0} ms, guided filter only {best["guided"]:0.0} ms, "
                + $"refined (guided + colour line) {best["refined"]:0.0} ms, refinement +{best["refined"] - best["coarse"]:0.0} ms (colour line +{best["refined"] - best["guided"]:0.0} ms), "
                + $"refined with the close-up pass {best["close-up"]:0.0} ms (+{best["close-up"] - best["refined"]:0.0} ms; "
                + $"{best["close-up, 320 guide"]:0.0} ms on the former 320 px guide). "
                + $"Load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double Time(List<byte[]> frames, MaskOptions options, string reference, string work)
    {
        var factory = PersonFrameProcessorFactory.FromOptions(null, options);
        var refs = new List<Recut.Engines.LocalMedia> { new(reference, new Recut.Media.Probing.MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 }) };
        using var processor = factory.Create(new Recut.Engines.Local.Plan.BackgroundReplaceOp(0), new FrameContext(1280, 720, 30, refs, 0, work));
        var buffer = new byte[frames[0].Length];
        var watch = new Stopwatch();
        for (var i = 0; i < frames.Count; i++)
        {
            frames[i].CopyTo(buffer, 0);
            // The first frames warm the models up; they are not timed.
            if (i == 5)
            {
                watch.Start();
            }
            processor.Process(buffer, i);
        }
        watch.Stop();
        return watch.Elapsed.TotalMilliseconds / (frames.Count - 5);
    }
}
