using OpenCvSharp;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>
/// The frames the per-frame C# benches time: 1.5 s of the astronaut swaying over the Mandelbrot set at 1280×720 (the
/// hardest truth clip for the matte), decoded once into memory, and a flat 800×600 reference image for the background.
/// </summary>
public static class SpeedFrames
{
    public static async Task<(List<byte[]> Frames, string Reference)> BuildAsync(string name, string work)
    {
        var clip = await TruthClipBuilder.BuildAsync(new TruthClipSpec(name, PersonAssets.Astronaut, "mandelbrot", 1280, 720, 1.5, PersonMotion.Sway), work);
        var frames = new List<byte[]>();
        await TruthFrameReader.ReadAsync(clip, (bgr, _, _) => frames.Add(bgr.ToArray()));
        var reference = Path.Combine(work, "ref.png");
        using (var image = new Mat(600, 800, MatType.CV_8UC3, new Scalar(40, 120, 200)))
        {
            Cv2.ImWrite(reference, image);
        }
        return (frames, reference);
    }
}
