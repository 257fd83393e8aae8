namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>Which person segmenter to use and where its models are.</summary>
public sealed class SegmenterOptions
{
    public const string MediaPipe = "mediapipe";

    /// <summary>Segmenter name; only <see cref="MediaPipe"/> ships today.</summary>
    public string Segmenter { get; set; } = MediaPipe;

    /// <summary>
    /// The models root (holding <c>mediapipe/</c>). Null: <see cref="ModelLocator.FindModelsRoot"/> decides
    /// (RECUT_MODELS_DIR, then <c>models/</c> next to the app, then the nearest <c>models/</c> walking up).
    /// </summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>The models root this configuration resolves to.</summary>
    public string ResolveModelsRoot() => ModelLocator.FindModelsRoot(ModelsDirectory);
}
