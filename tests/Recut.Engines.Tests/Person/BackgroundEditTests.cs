using OpenCvSharp;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Helpers;
using Recut.Engines.Tests.Person.Support;
using Xunit.Abstractions;

namespace Recut.Engines.Tests.Person;

/// <summary>
/// The four background edits on a real person (Grace Hopper, cut out with the hand-checked mask, swaying over
/// testsrc2): inside the person the frame is untouched, outside it is the new background.
/// </summary>
[Collection(PersonClipsCollection.Name)]
public sealed class BackgroundEditTests(PersonClips clips, ITestOutputHelper output)
{
    private const int Margin = 8;
    private TruthClip Clip => clips.GraceSway;

    [Fact]
    public async Task Replace_puts_the_reference_behind_the_person_scaled_to_cover()
    {
        var reference = TestImages.Quadrants(Path.Combine(clips.Folder, "quadrants.png"), 800, 800);
        using var expected = CoverScaler.Cover(Cv2.ImRead(reference), new Size(Clip.Width, Clip.Height));
        var background = expected.AsSpan<byte>().ToArray();
        using var processor = clips.Factory.Create(new BackgroundReplaceOp(0), PersonContexts.For(Clip.Width, Clip.Height, clips.Folder, reference));
        var (person, back) = await MeasureAsync(processor, (before, after, regions) => FrameRegions.MeanAbsDiff(after, background, regions.Background));
        Assert.True(person < 1, $"person pixels changed by {person:0.00} on average");
        Assert.True(back < 1, $"background differs from the covered reference by {back:0.00} on average");
        // Cover, not stretch: an 800×800 square into 480×270 keeps its centre rows, so the quadrant seam is mid-frame.
        Assert.Equal(new Vec3b(0, 0, 255), expected.At<Vec3b>(10, 10));
        Assert.Equal(new Vec3b(0, 255, 255), expected.At<Vec3b>(Clip.Height - 10, Clip.Width - 10));
    }

    [Fact]
    public async Task Solid_turns_the_background_into_the_colour()
    {
        using var processor = clips.Factory.Create(new BackgroundSolidOp(0, 255, 0, "green"), PersonContexts.For(Clip.Width, Clip.Height, clips.Folder));
        var green = Enumerable.Repeat(new byte[] { 0, 255, 0 }, Clip.Width * Clip.Height).SelectMany(p => p).ToArray();
        var (person, back) = await MeasureAsync(processor, (before, after, regions) => FrameRegions.MeanAbsDiff(after, green, regions.Background));
        Assert.True(person < 1, $"person pixels changed by {person:0.00} on average");
        Assert.True(back < 0.5, $"background is {back:0.00} away from pure green on average");
    }

    [Fact]
    public async Task Grayscale_keeps_the_person_in_colour_and_greys_the_rest()
    {
        using var processor = clips.Factory.Create(new BackgroundGrayscaleOp(), PersonContexts.For(Clip.Width, Clip.Height, clips.Folder));
        var (person, back) = await MeasureAsync(processor, (before, after, regions) => GreyError(before, after, regions.Background));
        Assert.True(person < 1, $"person pixels changed by {person:0.00} on average");
        Assert.True(back < 1, $"background is {back:0.00} away from the source's luma on average");
    }

    [Fact]
    public async Task Blur_softens_the_background_and_not_the_person()
    {
        using var processor = clips.Factory.Create(new BackgroundBlurOp(0.5), PersonContexts.For(Clip.Width, Clip.Height, clips.Folder));
        var ratios = new List<double>();
        var (person, _) = await MeasureAsync(processor, (before, after, regions) =>
        {
            ratios.Add(Sharpness(after, regions.Background) / Sharpness(before, regions.Background));
            return 0;
        });
        Assert.True(person < 1, $"person pixels changed by {person:0.00} on average");
        output.WriteLine($"background detail kept: {ratios.Average():P1}");
        Assert.True(ratios.Average() < 0.15, $"background kept {ratios.Average():P0} of its detail");
    }

    /// <summary>Runs the clip; returns the mean person-region change and the mean of <paramref name="background"/>.</summary>
    private async Task<(double Person, double Background)> MeasureAsync(
        Recut.Engines.Local.Frames.IFrameProcessor processor, Func<byte[], byte[], FrameRegions, double> background)
    {
        var person = new List<double>();
        var back = new List<double>();
        await ClipRun.RunAsync(Clip, processor, (before, after, truth, index) =>
        {
            var regions = FrameRegions.FromTruth(truth, Clip.Width, Clip.Height, Margin);
            Assert.True(regions.PersonCount > 1000 && regions.BackgroundCount > 1000, $"frame {index}: the truth clip lost its person or background");
            person.Add(FrameRegions.MeanAbsDiff(before, after, regions.Person));
            back.Add(background(before.ToArray(), after.ToArray(), regions));
        });
        Assert.Equal(Clip.FrameCount, person.Count);
        output.WriteLine($"person change {person.Average():0.00} (worst frame {person.Max():0.00}); background measure {back.Average():0.00}");
        return (person.Average(), back.Average());
    }

    /// <summary>Mean distance of each background pixel's channels from the source's BT.601 luma.</summary>
    private static double GreyError(byte[] before, byte[] after, bool[] region)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < region.Length; i++)
        {
            if (!region[i])
            {
                continue;
            }
            var luma = (0.114 * before[3 * i]) + (0.587 * before[(3 * i) + 1]) + (0.299 * before[(3 * i) + 2]);
            for (var c = 0; c < 3; c++)
            {
                sum += Math.Abs(after[(3 * i) + c] - luma);
            }
            count += 3;
        }
        return sum / count;
    }

    /// <summary>
    /// Mean squared horizontal gradient of the green channel over a region (gradient energy). Unlike the mean
    /// absolute gradient, which a blur leaves unchanged across a clean step, this falls as the image blurs.
    /// </summary>
    private double Sharpness(byte[] frame, bool[] region)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < region.Length - 1; i++)
        {
            if (region[i] && region[i + 1] && (i + 1) % Clip.Width != 0)
            {
                var d = frame[(3 * i) + 1] - frame[(3 * (i + 1)) + 1];
                sum += d * d;
                count++;
            }
        }
        return sum / Math.Max(1, count);
    }
}
