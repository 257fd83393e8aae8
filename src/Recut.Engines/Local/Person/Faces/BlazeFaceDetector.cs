using OpenCvSharp;
using OpenCvSharp.Dnn;
using Recut.Engines.Local.Models;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// MediaPipe's short-range face detector (BlazeFace, tflite, Apache-2.0) on ONNX Runtime (<see cref="OnnxImageModel"/>). Meant for faces that
/// fill a good part of the region it is given, so callers pass a square around the person's head.
/// Not thread-safe: one instance per task.
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    public const string ModelFile = "face_detection_short_range.tflite";
    private const int InputSize = 128;
    private const int Values = 16;
    private readonly OnnxImageModel _model;
    private readonly float[] _scores;
    private readonly float[] _boxes;

    public BlazeFaceDetector(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"face model not found: {modelPath} (run scripts/fetch-models.sh)", modelPath);
        }
        _model = new OnnxImageModel(modelPath);
        _scores = _model.Output("classificators");
        _boxes = _model.Output("regressors");
        if (_scores.Length != BlazeFaceAnchors.Count || _boxes.Length != BlazeFaceAnchors.Count * Values)
        {
            throw new InvalidDataException($"{modelPath}: unexpected output sizes {_scores.Length} and {_boxes.Length}");
        }
    }

    /// <summary>The best face inside <paramref name="region"/> of <paramref name="bgrFrame"/>, in frame pixels, or null.</summary>
    public FaceBox? DetectBest(Mat bgrFrame, Rect region, float minScore = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        region = region.Intersect(new Rect(0, 0, bgrFrame.Width, bgrFrame.Height));
        if (region.Width < 16 || region.Height < 16)
        {
            return null;
        }
        using var roi = new Mat(bgrFrame, region);
        // The model wants RGB in -1..1.
        using var blob = CvDnn.BlobFromImage(roi, 1 / 127.5, new Size(InputSize, InputSize), new Scalar(127.5, 127.5, 127.5), swapRB: true, crop: false);
        _model.SetInput(blob);
        _model.Run();
        return Decode(region, minScore);
    }

    private FaceBox? Decode(Rect region, float minScore)
    {
        var best = -1;
        var bestScore = minScore;
        for (var i = 0; i < _scores.Length; i++)
        {
            var score = 1f / (1f + MathF.Exp(-Math.Clamp(_scores[i], -100f, 100f)));
            if (score >= bestScore)
            {
                bestScore = score;
                best = i;
            }
        }
        if (best < 0)
        {
            return null;
        }
        var (ax, ay) = BlazeFaceAnchors.Centres[best];
        var o = best * Values;
        var cx = (_boxes[o] / InputSize) + ax;
        var cy = (_boxes[o + 1] / InputSize) + ay;
        var w = _boxes[o + 2] / InputSize;
        var h = _boxes[o + 3] / InputSize;
        var box = new Rect2f(
            region.X + ((cx - (w / 2)) * region.Width),
            region.Y + ((cy - (h / 2)) * region.Height),
            w * region.Width,
            h * region.Height);
        return new FaceBox(box, bestScore);
    }

    public void Dispose() => _model.Dispose();
}
