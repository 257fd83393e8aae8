using OpenCvSharp;

namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>
/// Makes <see cref="MediaPipeSelfieSegmenter"/>s: the landscape model (256×144) for wide frames, the square
/// one (256×256) otherwise, whichever distorts the frame's aspect less.
/// </summary>
public sealed class MediaPipeSegmenterFactory(string modelsRoot) : IPersonSegmenterFactory
{
    public const string SquareModelFile = "selfie_segmentation.tflite";
    public const string LandscapeModelFile = "selfie_segmentation_landscape.tflite";
    public static readonly Size SquareSize = new(256, 256);
    public static readonly Size LandscapeSize = new(256, 144);

    public string Name => SegmenterOptions.MediaPipe;

    public string ModelFolder { get; } = Path.Combine(modelsRoot, ModelLocator.MediaPipeFolder);

    public string? UnavailableReason
    {
        get
        {
            var missing = new[] { SquareModelFile, LandscapeModelFile }
                .Where(f => !File.Exists(Path.Combine(ModelFolder, f)))
                .ToList();
            return missing.Count == 0
                ? null
                : $"person segmentation model missing in {ModelFolder}: {string.Join(", ", missing)} (run scripts/fetch-models.sh)";
        }
    }

    public IPersonSegmenter Create(int frameWidth, int frameHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameHeight);
        var landscape = PrefersLandscape(frameWidth, frameHeight);
        return new MediaPipeSelfieSegmenter(
            Path.Combine(ModelFolder, landscape ? LandscapeModelFile : SquareModelFile),
            landscape ? LandscapeSize : SquareSize);
    }

    /// <summary>True when the frame's aspect is nearer 16:9 than 1:1 (compared on a log scale).</summary>
    public static bool PrefersLandscape(int width, int height)
    {
        var aspect = Math.Log(width / (double)height);
        var landscape = Math.Log(LandscapeSize.Width / (double)LandscapeSize.Height);
        return Math.Abs(aspect - landscape) < Math.Abs(aspect);
    }
}
