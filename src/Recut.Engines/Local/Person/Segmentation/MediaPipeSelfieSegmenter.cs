using OpenCvSharp;
using OpenCvSharp.Dnn;
using Recut.Engines.Local.Models;
using Recut.Engines.Local.Person.Imaging;

namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>
/// MediaPipe selfie segmentation (tflite, Apache-2.0) run by ONNX Runtime (<see cref="OnnxImageModel"/>). The frame is shrunk to the
/// model size first (pixel averaging, see <see cref="Downscale"/>), so the blob is made from a few thousand pixels, not a full frame.
/// </summary>
public sealed class MediaPipeSelfieSegmenter : IPersonSegmenter
{
    private readonly OnnxImageModel _model;
    private readonly Downscale _downscale = new();
    private readonly Mat _small = new();
    private readonly Mat _binary = new();

    public MediaPipeSelfieSegmenter(string modelPath, Size inputSize)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"segmentation model not found: {modelPath} (run scripts/fetch-models.sh)", modelPath);
        }
        _model = new OnnxImageModel(modelPath);
        MaskSize = inputSize;
    }

    public Size MaskSize { get; }

    public SegmentationStats Segment(Mat bgrFrame, Mat mask)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        ArgumentNullException.ThrowIfNull(mask);
        _downscale.To(bgrFrame, _small, MaskSize);
        // The model wants RGB in 0..1; BlobFromImage swaps channels and scales in one pass.
        using var blob = CvDnn.BlobFromImage(_small, 1 / 255.0, MaskSize, new Scalar(), swapRB: true, crop: false);
        _model.SetInput(blob);
        _model.Run();
        using var probability = _model.OutputMat(0, MaskSize.Height, MaskSize.Width);
        probability.ConvertTo(mask, MatType.CV_8UC1, 255.0);
        return Measure(mask);
    }

    private SegmentationStats Measure(Mat mask)
    {
        Cv2.Threshold(mask, _binary, 127, 255, ThresholdTypes.Binary);
        var count = Cv2.CountNonZero(_binary);
        if (count == 0)
        {
            return new SegmentationStats(0, 0);
        }
        var confidence = Cv2.Mean(mask, _binary).Val0 / 255.0;
        return new SegmentationStats(count / (double)mask.Total(), confidence);
    }

    public void Dispose()
    {
        _model.Dispose();
        _downscale.Dispose();
        _small.Dispose();
        _binary.Dispose();
    }
}
