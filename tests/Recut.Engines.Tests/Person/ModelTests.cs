using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Engines.Tests.Person;

/// <summary>The two models on the real portraits, against the hand-checked truth masks.</summary>
public sealed class ModelTests
{
    public static TheoryData<string> People() => new() { "astronaut", "grace_hopper" };

    [Theory]
    [MemberData(nameof(People))]
    public void Segmenter_finds_the_person_in_the_portrait(string name)
    {
        var person = PersonAssets.All.Single(p => p.Name == name);
        using var photo = Cv2.ImRead(person.PhotoPath);
        using var truth = Cv2.ImRead(person.MaskPath, ImreadModes.Grayscale);
        var factory = new MediaPipeSegmenterFactory(PersonAssets.ModelsRoot());
        using var segmenter = factory.Create(photo.Width, photo.Height);
        using var mask = new Mat();
        var stats = segmenter.Segment(photo, mask);
        Assert.Equal(segmenter.MaskSize, mask.Size());
        using var full = new Mat();
        Cv2.Resize(mask, full, photo.Size(), 0, 0, InterpolationFlags.Linear);
        var iou = MaskMetrics.IoU(full.AsSpan<byte>(), truth.AsSpan<byte>());
        Assert.True(iou > 0.93, $"IoU {iou:0.000}");
        Assert.InRange(stats.Coverage, 0.45, 0.65);
        Assert.True(stats.Confidence > 0.9, $"confidence {stats.Confidence:0.00}");
    }

    [Fact]
    public void Segmenter_sees_nobody_in_a_test_pattern()
    {
        using var pattern = new Mat(270, 480, MatType.CV_8UC3);
        for (var i = 0; i < 8; i++)
        {
            pattern[new Rect(i * 60, 0, 60, 270)].SetTo(new Scalar((i & 1) * 255, ((i >> 1) & 1) * 255, ((i >> 2) & 1) * 255));
        }
        var factory = new MediaPipeSegmenterFactory(PersonAssets.ModelsRoot());
        using var segmenter = factory.Create(480, 270);
        using var mask = new Mat();
        Assert.True(segmenter.Segment(pattern, mask).Coverage < 0.005);
    }

    [Theory]
    [InlineData(1280, 720, true)]
    [InlineData(1104, 832, false)] // 4:3 is (just) nearer 1:1 than 16:9 on a log scale
    [InlineData(1648, 1248, false)]
    [InlineData(854, 480, true)]
    [InlineData(960, 960, false)]
    [InlineData(720, 1280, false)]
    public void Landscape_model_is_picked_for_wide_frames(int width, int height, bool landscape)
    {
        Assert.Equal(landscape, MediaPipeSegmenterFactory.PrefersLandscape(width, height));
        using var segmenter = new MediaPipeSegmenterFactory(PersonAssets.ModelsRoot()).Create(width, height);
        Assert.Equal(landscape ? MediaPipeSegmenterFactory.LandscapeSize : MediaPipeSegmenterFactory.SquareSize, segmenter.MaskSize);
    }

    [Fact]
    public void Face_detector_finds_the_astronauts_face_where_it_is()
    {
        using var photo = Cv2.ImRead(PersonAssets.Astronaut.PhotoPath);
        using var detector = new BlazeFaceDetector(Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder, BlazeFaceDetector.ModelFile));
        var face = detector.DetectBest(photo, new Rect(0, 0, photo.Width, photo.Height));
        Assert.NotNull(face);
        Assert.True(face.Value.Score > 0.85f, $"score {face.Value.Score:0.00}");
        // Her face (eyes to chin) spans roughly x 180–270, y 80–180 in the 512×512 portrait.
        var box = face.Value.ToRect();
        var centre = new Point(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        Assert.InRange(centre.X, 200, 250);
        Assert.InRange(centre.Y, 105, 155);
        Assert.InRange(box.Width, 60, 130);
    }

    [Fact]
    public void Face_detector_finds_no_face_in_a_flat_picture()
    {
        using var grey = new Mat(256, 256, MatType.CV_8UC3, Scalar.All(128));
        using var detector = new BlazeFaceDetector(Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder, BlazeFaceDetector.ModelFile));
        Assert.Null(detector.DetectBest(grey, new Rect(0, 0, 256, 256), 0.5f));
    }
}
