using OpenCvSharp;
using Recut.Engines;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Support;
using Recut.Media.Probing;
using Recut.Media.Processes;

namespace Recut.Bench.Person;

/// <summary>
/// Renders one frame of a truth clip through every person edit into a single PNG contact sheet, for checking by
/// eye (<c>person-sheet OUT.png [frame] [background]</c>; background is a lavfi source, default gradients).
/// </summary>
public static class SampleSheet
{
    public static async Task<int> RunAsync(string[] args)
    {
        var output = Path.GetFullPath(args.Length > 0 ? args[0] : "person-sheet.png");
        var pick = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 45;
        var background = args.Length > 2 ? args[2] : "gradients";
        var factory = PersonFrameProcessorFactory.FromOptions();
        var work = Path.Combine(Path.GetTempPath(), "recut-sheet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var reference = Path.Combine(work, "ref.png");
            var garment = Path.Combine(work, "garment.png");
            await Ffmpeg(["-f", "lavfi", "-i", "mandelbrot=size=800x600", "-frames:v", "1", reference]);
            await Ffmpeg(["-f", "lavfi", "-i", "color=c=white:size=300x300", "-vf", "drawbox=x=60:y=40:w=180:h=230:color=0x2040c0:t=fill", "-frames:v", "1", garment]);
            var rows = new List<Mat>();
            foreach (var person in PersonAssets.All)
            {
                var clip = await TruthClipBuilder.BuildAsync(new TruthClipSpec(person.Name, person, background, 640, 360, 2, PersonMotion.Sway), work);
                var refs = new[] { reference, garment }.Select(p => new LocalMedia(p, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 })).ToList();
                var context = new FrameContext(640, 360, 30, refs, 0, work);
                var tiles = new List<Mat> { await FrameAsync(clip, null, pick) };
                foreach (var op in new FrameOperation[] { new BackgroundReplaceOp(0), new BackgroundBlurOp(0.5), new BackgroundSolidOp(0, 255, 0, "green"), new BackgroundGrayscaleOp(), new OutfitRecolourOp(1) })
                {
                    using var processor = factory.Create(op, context);
                    tiles.Add(await FrameAsync(clip, processor, pick));
                }
                var row = new Mat();
                Cv2.HConcat(tiles.ToArray(), row);
                rows.Add(row);
                tiles.ForEach(t => t.Dispose());
            }
            using var sheet = new Mat();
            Cv2.VConcat(rows.ToArray(), sheet);
            using var small = new Mat();
            Cv2.Resize(sheet, small, new Size(sheet.Width / 2, sheet.Height / 2), 0, 0, InterpolationFlags.Area);
            Cv2.ImWrite(output, small);
            Console.WriteLine(output);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Mat> FrameAsync(TruthClip clip, IFrameProcessor? processor, int pick)
    {
        var picked = new Mat();
        await TruthFrameReader.ReadAsync(clip, (bgr, truth, index) =>
        {
            processor?.Process(bgr, index);
            if (index == pick)
            {
                using var view = Mat.FromPixelData(clip.Height, clip.Width, MatType.CV_8UC3, bgr.ToArray());
                view.CopyTo(picked);
            }
        });
        return picked;
    }

    private static Task Ffmpeg(string[] args) =>
        ProcessRunner.Ffmpeg.RunAsync(["-hide_banner", "-nostdin", "-v", "error", "-y", .. args], new ProcessRunOptions(), CancellationToken.None);
}
