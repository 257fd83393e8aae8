namespace Recut.Engines.Local.Person.Segmentation;

/// <summary>Turns <see cref="SegmenterOptions"/> into a segmenter factory: the one place a new model family is registered.</summary>
public static class PersonSegmenterFactories
{
    public static IReadOnlyList<string> Known { get; } = [SegmenterOptions.MediaPipe];

    public static IPersonSegmenterFactory FromOptions(SegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.ResolveModelsRoot();
        return options.Segmenter.Trim().ToLowerInvariant() switch
        {
            SegmenterOptions.MediaPipe => new MediaPipeSegmenterFactory(root),
            _ => throw new ArgumentException(
                $"unknown person segmenter '{options.Segmenter}'; known: {string.Join(", ", Known)}", nameof(options)),
        };
    }
}
