using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Local.Plan;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person;

/// <summary>
/// The face edit (blur or pixelate every face): the whole clip is scanned for faces first (<see cref="FaceAnalysis"/>),
/// then each frame is covered where the tracks say. <see cref="CanCreate"/> is false when the full-range face model is
/// missing, so the planner refuses the edit up front.
/// </summary>
public sealed class FaceFrameProcessorFactory(string modelPath) : IFrameProcessorFactory
{
    public static FaceFrameProcessorFactory FromOptions(SegmenterOptions? options = null) =>
        new(Path.Combine((options ?? new SegmenterOptions()).ResolveModelsRoot(), ModelLocator.MediaPipeFolder, FullRangeFaceDetector.ModelFile));

    public string? UnavailableReason => File.Exists(modelPath) ? null : $"face detection model missing: {modelPath} (run scripts/fetch-models.sh)";

    public bool CanCreate(FrameOperation operation) => operation is FaceAnonymiseOp && UnavailableReason is null;

    public IFrameProcessor Create(FrameOperation operation, FrameContext context) =>
        throw new InvalidOperationException("the face edit scans the whole clip first: use CreateAsync");

    public async Task<IFrameProcessor> CreateAsync(FrameOperation operation, FrameContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (operation is not FaceAnonymiseOp anonymise)
        {
            throw new ArgumentException($"not a face edit: {operation.GetType().Name}", nameof(operation));
        }
        if (UnavailableReason is { } reason)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit, $"face edits are not available on this server: {reason}");
        }
        var source = context.Source ?? throw new ArgumentException("the face edit needs the clip's frames (FrameContext.Source)", nameof(context));
        var faces = await FaceAnalysis.FindFacesAsync(source, context.Width, context.Height, modelPath, ct).ConfigureAwait(false);
        return new FaceAnonymiseProcessor(faces, context, anonymise.Style);
    }
}
