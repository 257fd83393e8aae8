using Recut.Engines.Local;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Pipeline;

namespace Recut.Server.Hosting;

/// <summary>
/// The local engine as assembled for both the server and `recut edit` (which has no DI container), so the two
/// can never run different engines.
/// </summary>
public static class LocalComposition
{
    /// <summary>
    /// Frame processors for person-aware edits. Their models come from scripts/fetch-models.sh (RECUT_MODELS_DIR, or a
    /// models/ folder beside the app or above it); when they are missing the factory says so and the planner refuses
    /// person edits with a clear UnsupportedEdit.
    /// </summary>
    public static IReadOnlyList<IFrameProcessorFactory> FrameProcessorFactories() => [PersonFrameProcessorFactory.FromOptions(), FaceFrameProcessorFactory.FromOptions()];

    public static EditPipeline CreatePipeline() => new(new LocalEditEngine(FrameProcessorFactories()));

    public static IInputResolver LocalFiles() => new LocalFileInputResolver();
}
