using OpenCvSharp;
using OpenCvSharp.Dnn;
using Recut.Engines.Local.Models;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// MediaPipe's full-range face detector (BlazeFace, face_detection_full_range.tflite, Apache-2.0) on ONNX Runtime:
/// every face in a square region, down to a few percent of the region's side — the short-range model
/// (<see cref="BlazeFaceDetector"/>) only sees faces that fill a good part of its input. A region that is not square,
/// or reaches past the frame, is padded with black as MediaPipe letterboxes, so faces keep their shape.
/// Not thread-safe: one instance per task.
/// </summary>
public sealed class FullRangeFaceDetector : IDisposable
{
    public const string ModelFile = "face_detection_full_range.tflite";
    public const int InputSize = 192;

    /// <summary>MediaPipe's own threshold for this model (face_detection_full_range.pbtxt).</summary>
    public const float DefaultMinScore = 0.6f;

    // face_detection_full_range.pbtxt: one SSD layer of stride 4 on the 192 input, one fixed-size anchor per cell.
    private const int Grid = InputSize / 4;
    private const int Anchors = Grid * Grid;
    private const int Values = 16;
    private readonly OnnxImageModel _model;
    private readonly float[] _scores;
    private readonly float[] _boxes;
    private readonly Mat _square = new();

    public FullRangeFaceDetector(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"face model not found: {modelPath} (run scripts/fetch-models.sh)", modelPath);
        }
        _model = new OnnxImageModel(modelPath);
        if (_model.InputShape is not [1, 3, InputSize, InputSize])
        {
            _model.Dispose();
            throw new InvalidDataException($"{modelPath}: input {string.Join('×', _model.InputShape)}, expected 1×3×{InputSize}×{InputSize}");
        }
        // The output names are the converter's (from the tflite tensors); the sizes say which is which.
        _scores = _model.Outputs.SingleOrDefault(o => o.Length == Anchors) ?? throw Unexpected(modelPath);
        _boxes = _model.Outputs.SingleOrDefault(o => o.Length == Anchors * Values) ?? throw Unexpected(modelPath);
    }

    /// <summary>
    /// The faces in <paramref name="region"/> of <paramref name="bgrFrame"/>, in frame pixels, overlaps merged
    /// (MediaPipe's weighted non-maximum suppression). <paramref name="region"/> may reach past the frame.
    /// </summary>
    public List<FaceBox> Detect(Mat bgrFrame, Rect region, float minScore = DefaultMinScore)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        var side = Math.Max(region.Width, region.Height);
        var square = new Rect(region.X + ((region.Width - side) / 2), region.Y + ((region.Height - side) / 2), side, side);
        var inside = square.Intersect(new Rect(0, 0, bgrFrame.Width, bgrFrame.Height));
        if (side < 16 || inside.Width < 8 || inside.Height < 8)
        {
            return [];
        }
        using (var part = new Mat(bgrFrame, inside))
        {
            // Resize first, pad after: the padding then costs pixels of the 192 input, not of the frame.
            var scale = (double)InputSize / side;
            var w = Math.Clamp((int)Math.Round(inside.Width * scale), 1, InputSize);
            var h = Math.Clamp((int)Math.Round(inside.Height * scale), 1, InputSize);
            using var small = new Mat();
            Cv2.Resize(part, small, new Size(w, h), 0, 0, InterpolationFlags.Area);
            var left = Math.Clamp((int)Math.Round((inside.X - square.X) * scale), 0, InputSize - w);
            var top = Math.Clamp((int)Math.Round((inside.Y - square.Y) * scale), 0, InputSize - h);
            Cv2.CopyMakeBorder(small, _square, top, InputSize - h - top, left, InputSize - w - left, BorderTypes.Constant, Scalar.All(0));
        }
        // The model wants RGB in -1..1.
        using var blob = CvDnn.BlobFromImage(_square, 1 / 127.5, new Size(InputSize, InputSize), new Scalar(127.5, 127.5, 127.5), swapRB: true, crop: false);
        _model.SetInput(blob);
        _model.Run();
        return FaceNms.Merge(Decode(square, minScore));
    }

    private List<FaceBox> Decode(Rect square, float minScore)
    {
        var found = new List<FaceBox>();
        // logit(minScore): compare raw scores, take the sigmoid only of those that pass.
        var minLogit = MathF.Log(minScore / (1 - minScore));
        for (var i = 0; i < Anchors; i++)
        {
            var logit = Math.Clamp(_scores[i], -100f, 100f);
            if (logit < minLogit)
            {
                continue;
            }
            var ax = ((i % Grid) + 0.5f) / Grid;
            var ay = ((i / Grid) + 0.5f) / Grid;
            var o = i * Values;
            var cx = (_boxes[o] / InputSize) + ax;
            var cy = (_boxes[o + 1] / InputSize) + ay;
            var w = _boxes[o + 2] / InputSize;
            var h = _boxes[o + 3] / InputSize;
            if (!(w > 0 && h > 0 && w < 2 && h < 2))
            {
                continue;
            }
            var box = new Rect2f(
                square.X + ((cx - (w / 2)) * square.Width),
                square.Y + ((cy - (h / 2)) * square.Height),
                w * square.Width,
                h * square.Height);
            found.Add(new FaceBox(box, 1f / (1f + MathF.Exp(-logit))));
        }
        return found;
    }

    private static InvalidDataException Unexpected(string path) =>
        new($"{path}: unexpected outputs (want {Anchors} scores and {Anchors}×{Values} box values)");

    public void Dispose()
    {
        _square.Dispose();
        _model.Dispose();
    }
}
