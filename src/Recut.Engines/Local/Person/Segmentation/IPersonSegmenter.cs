using OpenCvSharp;

namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>
/// Finds people in one frame. Implementations own their model and are not thread-safe: one instance per task.
/// </summary>
public interface IPersonSegmenter : IDisposable
{
    /// <summary>Size of the mask this segmenter writes (its model's input size).</summary>
    Size MaskSize { get; }

    /// <summary>
    /// Segments a packed BGR 8-bit frame of any size and writes the person probability (0–255) into
    /// <paramref name="mask"/> as CV_8UC1 at <see cref="MaskSize"/> (created or reused).
    /// </summary>
    SegmentationStats Segment(Mat bgrFrame, Mat mask);
}

/// <summary>
/// How much of the frame the segmenter called "person" and how sure it was.
/// </summary>
/// <param name="Coverage">Fraction of mask pixels at or above one half, 0..1.</param>
/// <param name="Confidence">Mean probability over those pixels, 0..1 (0 when there are none).</param>
public readonly record struct SegmentationStats(double Coverage, double Confidence);
