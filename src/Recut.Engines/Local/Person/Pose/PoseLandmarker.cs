using OpenCvSharp;
using OpenCvSharp.Dnn;
using Recut.Engines.Local.Models;

namespace Recut.Engines.Local.Person.Pose;

/// <summary>
/// MediaPipe Pose's landmark model (pose_landmark_full.tflite, Apache-2.0) on ONNX Runtime (<see cref="OnnxImageModel"/>). It reads a 256×256 RGB
/// crop (0..1) and writes 39 landmarks × (x, y, z, visibility, presence) in crop pixels, visibility as a logit.
/// Not thread-safe: one instance per task. About 16 ms a call on one core, so callers run it on keyframes only.
/// </summary>
public sealed class PoseLandmarker : IDisposable
{
    public const string ModelFile = "pose_landmark_full.tflite";
    private const int InputSize = 256;
    private const int Landmarks = 39;
    private const int Values = 5;
    private readonly OnnxImageModel _model;
    private readonly Mat _crop = new();
    private readonly float[] _raw;
    private readonly float[] _presence;

    public PoseLandmarker(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"pose model not found: {modelPath} (run scripts/fetch-models.sh)", modelPath);
        }
        _model = new OnnxImageModel(modelPath);
        // Outputs are told apart by size, as their names differ between exports of the model.
        _raw = _model.Outputs.SingleOrDefault(o => o.Length == Landmarks * Values)
            ?? throw new InvalidDataException($"{modelPath}: no landmark output of {Landmarks * Values} values");
        _presence = _model.Outputs.SingleOrDefault(o => o.Length == 1)
            ?? throw new InvalidDataException($"{modelPath}: no pose presence output");
    }

    /// <summary>Landmarks of the person inside <paramref name="roi"/> of <paramref name="bgrFrame"/>, in frame pixels.</summary>
    public void Detect(Mat bgrFrame, PoseRoi roi, PoseLandmarks result)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ArgumentNullException.ThrowIfNull(result);
        var scale = InputSize / roi.Side;
        // Upright crop: frame point p maps to (p − corner) · scale; outside the frame stays black.
        var x0 = roi.Centre.X - (roi.Side / 2);
        var y0 = roi.Centre.Y - (roi.Side / 2);
        using var transform = new Mat(2, 3, MatType.CV_64FC1);
        transform.Set(0, 0, (double)scale);
        transform.Set(0, 1, 0.0);
        transform.Set(0, 2, (double)(-x0 * scale));
        transform.Set(1, 0, 0.0);
        transform.Set(1, 1, (double)scale);
        transform.Set(1, 2, (double)(-y0 * scale));
        Cv2.WarpAffine(bgrFrame, _crop, transform, new Size(InputSize, InputSize), InterpolationFlags.Area, BorderTypes.Constant, Scalar.All(0));
        using var blob = CvDnn.BlobFromImage(_crop, 1 / 255.0, new Size(InputSize, InputSize), new Scalar(), swapRB: true, crop: false);
        _model.SetInput(blob);
        _model.Run();
        Decode(result, x0, y0, 1 / scale);
    }

    private void Decode(PoseLandmarks result, float x0, float y0, float toFrame)
    {
        Point2f At(int i) => new(x0 + (_raw[i * Values] * toFrame), y0 + (_raw[(i * Values) + 1] * toFrame));
        for (var i = 0; i < PoseLandmarks.Count; i++)
        {
            result.Points[i] = At(i);
            result.Visibility[i] = Sigmoid(_raw[(i * Values) + 3]);
        }
        result.HipCentre = At(33);
        result.BodyCircle = At(34);
        // The presence output is already a probability (MediaPipe thresholds it at 0.5 as it comes).
        result.Presence = Math.Clamp(_presence[0], 0f, 1f);
    }

    private static float Sigmoid(float v) => 1f / (1f + MathF.Exp(-Math.Clamp(v, -50f, 50f)));

    public void Dispose()
    {
        _model.Dispose();
        _crop.Dispose();
    }
}
