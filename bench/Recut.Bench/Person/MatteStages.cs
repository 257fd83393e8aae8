using System.Diagnostics;
using OpenCvSharp;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>
/// Where a 720p background-replace frame's C# time goes (<c>matte-stages</c>): each stage of the default processor
/// timed on its own over the same frames — the wide model pass, the close-up model pass, the whole mask tracker,
/// the matte refinement with and without the colour line, the composite — and the whole processor, rounds
/// interleaved and the best round of each kept.
/// </summary>
public static class MatteStages
{
    private const int Frames = 45;
    private const int Warm = 5;
    private const int Rounds = 3;

    public static async Task<int> RunAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "recut-bench-mattestages-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var (frames, reference) = await SpeedFrames.BuildAsync("stages-720p", work);
            var stages = new (string Name, Func<Func<byte[], int, Action>> Make)[]
            {
                ("wide model pass (256×144)", () => Segment(1280, 720, null)),
                ("close-up model pass (256×256 on 720×720)", () => Segment(720, 720, new Rect(280, 0, 720, 720))),
                ("mask tracker (default)", Tracker),
                ("matte refine (guided + colour line)", () => Refine(new MaskOptions())),
                ("matte refine (guided only)", () => Refine(new MaskOptions { ColourLine = false })),
                ("composite", Composite),
                ("whole processor", () => Processor(reference, work)),
            };
            var best = stages.ToDictionary(s => s.Name, _ => double.MaxValue);
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (name, make) in stages)
                {
                    var ms = Time(frames, make());
                    best[name] = Math.Min(best[name], ms);
                    Console.Error.WriteLine($"round {round + 1}, {name}: {ms:0.00} ms/frame");
                }
            }
            Console.WriteLine($"720p background replace, C# ms per frame by stage (best of {Rounds} interleaved rounds, {Frames - Warm} frames, OpenCV threads {Cv2.GetNumThreads()}):");
            Console.WriteLine("| stage | ms/frame |");
            Console.WriteLine("|---|---:|");
            foreach (var (name, _) in stages)
            {
                Console.WriteLine($"| {name} | {best[name]:0.00} |");
            }
            Console.WriteLine($"Load average (1 min) at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Ms per frame of <paramref name="step"/> (frame bytes, index → the timed work) over the frames after the warm-up.</summary>
    private static double Time(List<byte[]> frames, Func<byte[], int, Action> step)
    {
        var buffer = new byte[frames[0].Length];
        var watch = new Stopwatch();
        for (var i = 0; i < frames.Count; i++)
        {
            frames[i].CopyTo(buffer, 0);
            var run = step(buffer, i);
            if (i >= Warm)
            {
                watch.Start();
            }
            run();
            watch.Stop();
        }
        return watch.Elapsed.TotalMilliseconds / (frames.Count - Warm);
    }

    private static Func<byte[], int, Action> Segment(int width, int height, Rect? crop)
    {
        var segmenter = PersonSegmenterFactories.FromOptions(new SegmenterOptions()).Create(width, height);
        var mask = new Mat();
        return (buffer, _) => () =>
        {
            using var frame = Mat.FromPixelData(720, 1280, MatType.CV_8UC3, buffer);
            if (crop is { } c)
            {
                using var view = new Mat(frame, c);
                segmenter.Segment(view, mask);
            }
            else
            {
                segmenter.Segment(frame, mask);
            }
        };
    }

    private static Func<byte[], int, Action> Tracker()
    {
        var tracker = PersonFrameProcessorFactory.FromOptions().CreateTracker(1280, 720);
        return (buffer, i) => () =>
        {
            using var frame = Mat.FromPixelData(720, 1280, MatType.CV_8UC3, buffer);
            tracker.Track(frame, i);
        };
    }

    /// <summary>Refinement of the tracker's mask: the tracker runs untimed first.</summary>
    private static Func<byte[], int, Action> Refine(MaskOptions options)
    {
        var tracker = PersonFrameProcessorFactory.FromOptions(null, options).CreateTracker(1280, 720);
        var matte = new EdgeMatte(new Size(1280, 720), options);
        return (buffer, i) =>
        {
            var frame = Mat.FromPixelData(720, 1280, MatType.CV_8UC3, buffer);
            tracker.Track(frame, i);
            return () =>
            {
                matte.Refine(frame, tracker.Mask);
                frame.Dispose();
            };
        };
    }

    private static Func<byte[], int, Action> Composite()
    {
        var options = new MaskOptions();
        var tracker = PersonFrameProcessorFactory.FromOptions().CreateTracker(1280, 720);
        var matte = new EdgeMatte(new Size(1280, 720), options);
        var background = new byte[1280 * 720 * 3];
        Array.Fill(background, (byte)120);
        return (buffer, i) =>
        {
            using (var frame = Mat.FromPixelData(720, 1280, MatType.CV_8UC3, buffer))
            {
                tracker.Track(frame, i);
                matte.Refine(frame, tracker.Mask);
            }
            return () => matte.Composite(buffer, background);
        };
    }

    private static Func<byte[], int, Action> Processor(string reference, string work)
    {
        var factory = PersonFrameProcessorFactory.FromOptions();
        var refs = new List<Recut.Engines.LocalMedia> { new(reference, new Recut.Media.Probing.MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 }) };
        var processor = factory.Create(new Recut.Engines.Local.Plan.BackgroundReplaceOp(0), new FrameContext(1280, 720, 30, refs, 0, work));
        return (buffer, i) => () => processor.Process(buffer, i);
    }
}
