using OpenCvSharp;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Recut.Protocol.Errors;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Person;

/// <summary>
/// Outfit recolour on the two portraits standing still: the cloth moves to the garment's colour, the face stays.
/// Regions are rectangles in the portrait's own pixels, mapped into the frame the way the clip placed the person.
/// </summary>
[Collection(PersonClipsCollection.Name)]
public sealed class OutfitRecolourTests(PersonClips clips, ITestOutputHelper output)
{
    [Fact]
    public Task Orange_spacesuit_becomes_blue() =>
        RecolourAsync(clips.AstronautStill, photoSize: (512, 512), cloth: new Rect(40, 300, 80, 120), face: new Rect(195, 100, 50, 60),
            garment: new Scalar(200, 70, 30));

    [Fact]
    public Task Navy_uniform_becomes_red() =>
        RecolourAsync(clips.GraceStill, photoSize: (512, 600), cloth: new Rect(40, 530, 70, 60), face: new Rect(230, 250, 60, 70),
            garment: new Scalar(40, 40, 200));

    [Fact]
    public async Task A_head_with_no_clothing_in_view_fails_clearly()
    {
        // The astronaut cropped to her head and hair: a person, a face, but no clothing to recolour.
        var head = await TestImages.CropAsync(PersonAssets.Astronaut.PhotoPath, "crop=170:150:140:5", Path.Combine(clips.Folder, "head.png"));
        var headMask = await TestImages.CropAsync(PersonAssets.Astronaut.MaskPath, "crop=170:150:140:5", Path.Combine(clips.Folder, "head.mask.png"));
        var clip = await TruthClipBuilder.BuildAsync(
            new TruthClipSpec("head", new PersonPhoto("head", head, headMask), "gradients", 320, 240, 1, PersonMotion.Still, PersonHeight: 0.9), clips.Folder);
        var garment = TestImages.Garment(Path.Combine(clips.Folder, "garment-head.png"), new Scalar(40, 40, 200));
        using var processor = clips.Factory.Create(new OutfitRecolourOp(0), PersonContexts.For(320, 240, clips.Folder, garment));
        var error = await Assert.ThrowsAsync<ApiErrorException>(() => ClipRun.RunAsync(clip, processor));
        Assert.Equal(ErrorCodes.UnsupportedEdit, error.Error.Code);
        Assert.Contains("No clothing region", error.Message, StringComparison.Ordinal);
    }

    private async Task RecolourAsync(TruthClip clip, (int W, int H) photoSize, Rect cloth, Rect face, Scalar garment)
    {
        var garmentPath = TestImages.Garment(Path.Combine(clips.Folder, $"garment-{clip.Spec.Name}.png"), garment);
        var garmentLab = Lab(garment);
        var clothInFrame = ToFrame(clip, photoSize, cloth);
        var faceInFrame = ToFrame(clip, photoSize, face);
        using var processor = clips.Factory.Create(new OutfitRecolourOp(0), PersonContexts.For(clip.Width, clip.Height, clips.Folder, garmentPath));
        double before = 0, after = 0, faceChange = 0;
        var measured = 0;
        await ClipRun.RunAsync(clip, processor, (src, dst, truth, index) =>
        {
            if (index < 10)
            {
                return; // let the colour statistics settle
            }
            before += ChromaDistance(MeanLab(src, clip, clothInFrame), garmentLab);
            after += ChromaDistance(MeanLab(dst, clip, clothInFrame), garmentLab);
            faceChange += MeanAbsDiff(src, dst, clip, faceInFrame);
            measured++;
        });
        before /= measured;
        after /= measured;
        faceChange /= measured;
        output.WriteLine($"{clip.Spec.Name}: cloth chroma distance to garment {before:0.0} -> {after:0.0}; face change {faceChange:0.00}");
        Assert.True(after < before * 0.25, $"cloth chroma is {after:0.0} from the garment's (was {before:0.0})");
        Assert.True(faceChange < 1, $"face changed by {faceChange:0.00} on average");
    }

    /// <summary>The still clip puts the person bottom-centre at 85 % of the frame height.</summary>
    private static Rect ToFrame(TruthClip clip, (int W, int H) photo, Rect r)
    {
        var personH = Math.Round(clip.Height * clip.Spec.PersonHeight / 2) * 2;
        var scale = personH / photo.H;
        var personW = Math.Round(personH * photo.W / photo.H / 2) * 2;
        var left = (clip.Width - personW) / 2;
        var top = clip.Height - personH;
        return new Rect((int)(left + (r.X * scale)), (int)(top + (r.Y * scale)), (int)(r.Width * scale), (int)(r.Height * scale));
    }

    private static Vec3d MeanLab(ReadOnlySpan<byte> bgr, TruthClip clip, Rect r)
    {
        using var frame = Mat.FromPixelData(clip.Height, clip.Width, MatType.CV_8UC3, bgr.ToArray());
        using var roi = new Mat(frame, r);
        using var lab = new Mat();
        Cv2.CvtColor(roi, lab, ColorConversionCodes.BGR2Lab);
        var m = Cv2.Mean(lab);
        return new Vec3d(m.Val0, m.Val1, m.Val2);
    }

    private static Vec3d Lab(Scalar bgr)
    {
        using var pixel = new Mat(1, 1, MatType.CV_8UC3, bgr);
        using var lab = new Mat();
        Cv2.CvtColor(pixel, lab, ColorConversionCodes.BGR2Lab);
        var v = lab.At<Vec3b>(0, 0);
        return new Vec3d(v.Item0, v.Item1, v.Item2);
    }

    private static double ChromaDistance(Vec3d a, Vec3d b) => Math.Sqrt(Math.Pow(a.Item1 - b.Item1, 2) + Math.Pow(a.Item2 - b.Item2, 2));

    private static double MeanAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, TruthClip clip, Rect r)
    {
        long sum = 0;
        for (var y = r.Y; y < r.Bottom; y++)
        {
            for (var x = r.X; x < r.Right; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var i = (((y * clip.Width) + x) * 3) + c;
                    sum += Math.Abs(a[i] - b[i]);
                }
            }
        }
        return sum / (3.0 * r.Width * r.Height);
    }
}
