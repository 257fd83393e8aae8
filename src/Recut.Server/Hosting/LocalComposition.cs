using Recut.Engines.Local;
using Recut.Engines.Local.Frames;
using Recut.Engines.Pipeline;

namespace Recut.Server.Hosting;

/// <summary>
/// The local engine as assembled for both the server and `recut edit` (which has no DI container), so the two
/// can never run different engines.
/// </summary>
public static class LocalComposition
{
    /// <summary>Frame processors available on this machine (person segmentation needs its model files).</summary>
    public static IReadOnlyList<IFrameProcessorFactory> FrameProcessorFactories() => [];

    public static EditPipeline CreatePipeline() => new(new LocalEditEngine(FrameProcessorFactories()));

    public static IInputResolver LocalFiles() => new LocalFileInputResolver();
}
