using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using Recut.Engines.Local.Models;
using Recut.Engines.Local.Models.Tflite;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Engines.Tests.Models;

/// <summary>
/// The converted models against OpenCV DNN, which reads the .tflite files directly and is the reference: any layout,
/// padding or weight-order mistake in the converter shows as a different output on a real photo.
/// </summary>
public sealed class TfliteToOnnxTests
{
    public static TheoryData<string, int, int, bool> ShippedModels() => new()
    {
        { "selfie_segmentation.tflite", 256, 256, false },
        { "selfie_segmentation_landscape.tflite", 256, 144, false },
        { "face_detection_short_range.tflite", 128, 128, true },
        { "face_detection_full_range.tflite", 192, 192, true },
        { "pose_landmark_full.tflite", 256, 256, false },
    };

    [Theory]
    [MemberData(nameof(ShippedModels))]
    public void Converted_model_gives_what_OpenCV_gives_on_a_photo(string file, int width, int height, bool signedInput)
    {
        var path = Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder, file);
        using var photo = Cv2.ImRead(PersonAssets.Astronaut.PhotoPath);
        using var small = new Mat();
        Cv2.Resize(photo, small, new Size(width, height), 0, 0, InterpolationFlags.Area);
        using var blob = signedInput
            ? CvDnn.BlobFromImage(small, 1 / 127.5, new Size(width, height), new Scalar(127.5, 127.5, 127.5), swapRB: true, crop: false)
            : CvDnn.BlobFromImage(small, 1 / 255.0, new Size(width, height), new Scalar(), swapRB: true, crop: false);

        using var net = CvDnn.ReadNet(path, "", "");
        var names = net.GetUnconnectedOutLayersNames().Select(n => n ?? "").ToArray();
        net.SetInput(blob);
        var expected = names.Select(_ => new Mat()).ToArray();
        net.Forward(expected, names);

        using var model = new OnnxImageModel(path);
        Assert.Equal([1, 3, height, width], model.InputShape);
        model.SetInput(blob);
        model.Run();

        Assert.Equal(expected.Length, model.Outputs.Length);
        foreach (var reference in expected)
        {
            var want = new float[reference.Total()];
            Marshal.Copy(reference.Data, want, 0, want.Length);
            reference.Dispose();
            var got = Assert.Single(model.Outputs, o => o.Length == want.Length);
            // float32 sums in another order: differences scale with the output's magnitude (pose logits reach ~1600).
            var scale = Math.Max(1f, want.Max(MathF.Abs));
            var worst = want.Zip(got, (a, b) => MathF.Abs(a - b)).Max();
            Assert.True(worst <= 1e-3f * scale, $"{file}: output of {want.Length} values differs by {worst} (largest value {scale})");
            Assert.True(want.Select(MathF.Abs).Sum() > 0, "the reference output is all zeros, which proves nothing");
        }
    }

    [Fact]
    public void Segmenter_mask_on_ONNX_Runtime_is_the_person()
    {
        // Guards the wiring (input order, channel swap, output wrap), not the converter: the mask must be the person.
        using var photo = Cv2.ImRead(PersonAssets.GraceHopper.PhotoPath);
        using var segmenter = new MediaPipeSegmenterFactory(PersonAssets.ModelsRoot()).Create(photo.Width, photo.Height);
        using var mask = new Mat();
        var stats = segmenter.Segment(photo, mask);
        Assert.InRange(stats.Coverage, 0.3, 0.8);
        Assert.True(stats.Confidence > 0.9);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => TfliteModel.Read("GIF89a, not a model at all"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => TfliteModel.Read([]));
    }

    [Fact]
    public void Damaged_models_fail_with_a_data_error_never_a_crash()
    {
        var bytes = File.ReadAllBytes(Path.Combine(PersonAssets.ModelsRoot(), ModelLocator.MediaPipeFolder, "face_detection_short_range.tflite"));
        var random = new Random(1234);
        var converted = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var damaged = trial < 100 ? bytes[..random.Next(8, bytes.Length)] : (byte[])bytes.Clone();
            if (trial >= 100)
            {
                // Damage the FlatBuffer's tables (the first few KB), where offsets live; weights are further on.
                for (var i = 0; i < 8; i++)
                {
                    damaged[random.Next(8, Math.Min(damaged.Length, 8192))] = (byte)random.Next(256);
                }
            }
            try
            {
                TfliteToOnnx.Convert(TfliteModel.Read(damaged));
                converted++;
            }
            catch (InvalidDataException)
            {
            }
            catch (NotSupportedException)
            {
            }
            catch (OverflowException)
            {
            }
        }
        Assert.True(converted < 300, "no damaged file was refused, so the check proves nothing");
    }

    [Fact]
    public void Permute_moves_each_value_to_its_new_axis()
    {
        // A [2, 3] matrix transposed.
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], NhwcLayout.Permute([1f, 2f, 3f, 4f, 5f, 6f], [2, 3], [1, 0]));
        // NHWC [1, 1, 2, 3] (two pixels, three channels) to NCHW [1, 3, 1, 2].
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], NhwcLayout.Permute([1f, 2f, 3f, 4f, 5f, 6f], [1, 1, 2, 3], [0, 3, 1, 2]));
        Assert.Throws<InvalidDataException>(() => NhwcLayout.Permute([1f, 2f], [2, 3], [1, 0]));
    }
}
