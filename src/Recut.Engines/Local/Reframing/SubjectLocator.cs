using OpenCvSharp;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Local.Reframing;

/// <summary>Where the person is in one analysis frame, in that frame's pixels: the point to frame on and the face's score (0 when none).</summary>
public readonly record struct SubjectSighting(double X, double HeadY, float FaceScore);

/// <summary>
/// Finds the person in a frame: the selfie segmenter says whether there is one and where their body is; the face
/// detector, run on a square around the top of the body, pins the head. The point framed on is the face's centre when
/// a face is found, else the centre of the upper half of the body (legs swing while walking, the head does not).
/// Not thread-safe: one instance per analysis.
/// </summary>
public sealed class SubjectLocator : IDisposable
{
    private readonly IPersonSegmenter _segmenter;
    private readonly BlazeFaceDetector _faces;
    private readonly MaskOptions _options;
    private readonly Mat _mask = new();
    private readonly Mat _binary = new();

    public SubjectLocator(string modelsRoot, int frameWidth, int frameHeight, MaskOptions? options = null)
    {
        var folder = Path.Combine(modelsRoot, ModelLocator.MediaPipeFolder);
        _segmenter = new MediaPipeSegmenterFactory(modelsRoot).Create(frameWidth, frameHeight);
        _faces = new BlazeFaceDetector(Path.Combine(folder, BlazeFaceDetector.ModelFile));
        _options = options ?? new MaskOptions();
    }

    /// <summary>The models this needs, missing ones named; null when all are there.</summary>
    public static string? UnavailableReason(string modelsRoot)
    {
        var segmenter = new MediaPipeSegmenterFactory(modelsRoot).UnavailableReason;
        var face = Path.Combine(modelsRoot, ModelLocator.MediaPipeFolder, BlazeFaceDetector.ModelFile);
        return segmenter ?? (File.Exists(face) ? null : $"face model missing: {face} (run scripts/fetch-models.sh)");
    }

    public SubjectSighting? Locate(Mat bgrFrame)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        var stats = _segmenter.Segment(bgrFrame, _mask);
        if (stats.Coverage < _options.MinCoverage || stats.Confidence < _options.MinConfidence)
        {
            return null;
        }
        Cv2.Threshold(_mask, _binary, 127, 255, ThresholdTypes.Binary);
        var body = Cv2.BoundingRect(_binary);
        if (body.Width == 0 || body.Height == 0)
        {
            return null;
        }
        // Mask pixels → frame pixels.
        var sx = bgrFrame.Width / (double)_mask.Width;
        var sy = bgrFrame.Height / (double)_mask.Height;
        using var upper = new Mat(_binary, new Rect(body.X, body.Y, body.Width, Math.Max(1, body.Height / 2)));
        var m = Cv2.Moments(upper, binaryImage: true);
        var upperX = m.M00 > 0 ? body.X + (m.M10 / m.M00) : body.X + (body.Width / 2.0);
        var headY = body.Y + (body.Height * 0.15);

        // The same head square the person edits search (HeadRegion), in frame pixels.
        var bodyInFrame = new Rect((int)Math.Round(body.X * sx), (int)Math.Round(body.Y * sy), (int)Math.Round(body.Width * sx), (int)Math.Round(body.Height * sy));
        if (_faces.DetectBest(bgrFrame, HeadRegion.Around(bodyInFrame, bgrFrame.Size())) is { } face)
        {
            return new SubjectSighting(face.Box.X + (face.Box.Width / 2), face.Box.Y + (face.Box.Height / 2), face.Score);
        }
        return new SubjectSighting(upperX * sx, headY * sy, 0);
    }

    public void Dispose()
    {
        _segmenter.Dispose();
        _faces.Dispose();
        _mask.Dispose();
        _binary.Dispose();
    }
}
