using Recut.Engines.Local.Plan;

namespace Recut.Engines.Local.Frames;

/// <summary>
/// Changes decoded frames in place, in order. Frames are packed BGR24 (OpenCV's order) at the output size,
/// already scaled/cropped and at 30 fps. One instance serves one task; it may keep state across frames
/// (e.g. temporal mask smoothing).
/// </summary>
public interface IFrameProcessor : IDisposable
{
    void Process(Span<byte> bgr, int frameIndex);

    /// <summary>
    /// Called once after the last frame: throw <see cref="Recut.Protocol.Errors.ApiErrorException"/> here when the
    /// edit turned out impossible (e.g. no person in any frame), so an unchanged video is never a success.
    /// </summary>
    void Complete();
}

/// <summary>Creates processors for the frame operations it knows; registered in DI, found by the local engine.</summary>
public interface IFrameProcessorFactory
{
    bool CanCreate(FrameOperation operation);

    IFrameProcessor Create(FrameOperation operation, FrameContext context);

    /// <summary>
    /// The operation made exact by looking at the task's reference images before the plan is reported (e.g. whether
    /// an outfit reference is a colour or a pattern), so <c>actual_prompt</c> says what will be done. Throws
    /// <see cref="Recut.Protocol.Errors.ApiErrorException"/> when a reference cannot serve the operation.
    /// </summary>
    FrameOperation Resolve(FrameOperation operation, IReadOnlyList<LocalMedia> referenceImages) => operation;

    /// <summary>
    /// <see cref="Create"/> for a processor that first looks at the whole clip (<see cref="FrameContext.Source"/>), e.g.
    /// to find every face before the first frame is edited, so a face is covered from the first frame it shows in.
    /// </summary>
    Task<IFrameProcessor> CreateAsync(FrameOperation operation, FrameContext context, CancellationToken ct) => Task.FromResult(Create(operation, context));
}

/// <summary>What a frame processor knows of its task; <paramref name="Source"/> decodes the frames it will be given (null in tests that feed frames by hand).</summary>
public sealed record FrameContext(int Width, int Height, double Fps, IReadOnlyList<LocalMedia> ReferenceImages, long Seed, string WorkDirectory,
    IFrameSource? Source = null);

/// <summary>
/// The frames a render will hand its processors (same span, rate and size), decoded once more for an analysis pass
/// before the render. Each frame is packed BGR24, valid only during the callback.
/// </summary>
public interface IFrameSource
{
    /// <summary>How many frames the render expects (the decode may end a frame or two earlier).</summary>
    int ExpectedFrames { get; }

    /// <summary>Frames the last read decoded, handed over or not.</summary>
    int Decoded { get; }

    /// <param name="wanted">Which frame indices the caller looks at; the others are decoded (to keep the count) but not converted or handed over. Null: all.</param>
    Task ReadAllAsync(Func<ReadOnlyMemory<byte>, int, CancellationToken, ValueTask> onFrame, CancellationToken ct, Func<int, bool>? wanted = null);
}
