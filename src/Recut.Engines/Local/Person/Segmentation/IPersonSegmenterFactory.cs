namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>
/// Makes segmenters of one kind (one model family). Chosen by <see cref="SegmenterOptions.Segmenter"/>,
/// so a better model (e.g. ONNX matting) is a new factory, not an edit of the processors.
/// </summary>
public interface IPersonSegmenterFactory
{
    /// <summary>Configuration name, e.g. "mediapipe".</summary>
    string Name { get; }

    /// <summary>Null when the model files are present; otherwise why this segmenter cannot run.</summary>
    string? UnavailableReason { get; }

    /// <summary>A segmenter suited to frames of this size (e.g. a landscape model for wide frames).</summary>
    IPersonSegmenter Create(int frameWidth, int frameHeight);
}
