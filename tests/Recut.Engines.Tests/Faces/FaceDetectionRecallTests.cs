using System.Diagnostics;
using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Faces;

/// <summary>The full-range detector and the scan over a whole frame, on the portraits and on generated crowds.</summary>
public sealed class FaceDetectionRecallTests(ITestOutputHelper output)
{
    [Fact]
    public void Scan_finds_the_faces_of_a_generated_crowd()
    {
        using var detector = new FullRangeFaceDetector(FaceAssets.FullRangeModel);
        var scan = new FaceScan(detector);
        int[] bands = [16, 24, 40, 80, 400];
        var truth = new int[bands.Length - 1];
        var found = new int[bands.Length - 1];
        var falsePositives = 0;
        var watch = new Stopwatch();
        var frames = 0;
        for (var seed = 1; seed <= 6; seed++)
        {
            using var crowd = FaceAssets.Crowd(1280, 720, [18, 22, 28, 36, 48, 64, 90], seed);
            watch.Start();
            var detections = scan.Detect(crowd.Frame);
            watch.Stop();
            frames++;
            foreach (var face in crowd.Faces)
            {
                var band = Array.FindLastIndex(bands, b => face.Width >= b);
                if (band < 0 || band >= truth.Length)
                {
                    continue;
                }
                truth[band]++;
                if (detections.Any(d => FaceNms.IoU(d.Box, face) > 0.3f))
                {
                    found[band]++;
                }
            }
            falsePositives += detections.Count(d => !crowd.Faces.Any(f => FaceNms.IoU(d.Box, f) > 0.1f));
            if (seed == 1)
            {
                Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "recut-faces"));
                foreach (var d in detections)
                {
                    Cv2.Rectangle(crowd.Frame, d.ToRect(), Scalar.Red, 1);
                }
                Cv2.ImWrite(Path.Combine(Path.GetTempPath(), "recut-faces", "crowd1.png"), crowd.Frame);
            }
        }
        for (var b = 0; b < truth.Length; b++)
        {
            output.WriteLine($"faces {bands[b]}–{bands[b + 1]} px wide: {found[b]}/{truth[b]} found ({100.0 * found[b] / Math.Max(1, truth[b]):0.#} %)");
        }
        output.WriteLine($"false detections: {falsePositives} in {frames} frames; {watch.Elapsed.TotalMilliseconds / frames:0} ms a 1280×720 frame, {FaceScan.Regions(new Size(1280, 720)).Count} squares");
        Assert.All(truth, t => Assert.True(t > 10));
    }
}
