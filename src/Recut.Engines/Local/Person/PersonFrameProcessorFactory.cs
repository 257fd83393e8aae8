using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Outfit;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Local.Person.Segmentation;
using Recut.Engines.Local.Plan;
using Recut.Protocol.Errors;

namespace Recut.Engines.Local.Person;

/// <summary>
/// Frame processors for the person edits: background replace, blur, solid colour, black-and-white, and
/// outfit recolour. <see cref="CanCreate"/> is false when the models are missing (scripts/fetch-models.sh was not
/// run), so the planner can refuse the edit up front with a clear UnsupportedEdit instead of failing mid-render.
/// </summary>
public sealed class PersonFrameProcessorFactory : IFrameProcessorFactory
{
    private readonly IPersonSegmenterFactory _segmenters;
    private readonly string _faceModelPath;

    public PersonFrameProcessorFactory(IPersonSegmenterFactory segmenters, string faceModelPath, MaskOptions? mask = null)
    {
        _segmenters = segmenters ?? throw new ArgumentNullException(nameof(segmenters));
        _faceModelPath = faceModelPath ?? throw new ArgumentNullException(nameof(faceModelPath));
        Mask = mask ?? new MaskOptions();
    }

    /// <summary>The factory for the configured segmenter and the face model in the same models root.</summary>
    public static PersonFrameProcessorFactory FromOptions(SegmenterOptions? options = null, MaskOptions? mask = null)
    {
        options ??= new SegmenterOptions();
        var root = options.ResolveModelsRoot();
        return new PersonFrameProcessorFactory(
            PersonSegmenterFactories.FromOptions(options),
            Path.Combine(root, ModelLocator.MediaPipeFolder, BlazeFaceDetector.ModelFile),
            mask);
    }

    public MaskOptions Mask { get; }

    /// <summary>Mask settings for the clothing region (a touch more feather: it is cut at a coarser size).</summary>
    public MaskOptions ClothingMask => Mask with { FeatherSigma = 1.2 };

    /// <summary>Null when person edits can run; otherwise which model is missing and how to fetch it.</summary>
    public string? UnavailableReason =>
        _segmenters.UnavailableReason
        ?? (File.Exists(_faceModelPath) ? null : $"face detection model missing: {_faceModelPath} (run scripts/fetch-models.sh)");

    public bool CanCreate(FrameOperation operation) =>
        operation is BackgroundReplaceOp or BackgroundBlurOp or BackgroundSolidOp or BackgroundGrayscaleOp or OutfitRecolourOp
        && UnavailableReason is null;

    public IFrameProcessor Create(FrameOperation operation, FrameContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (UnavailableReason is { } reason)
        {
            throw new ApiErrorException(ErrorCodes.UnsupportedEdit, $"person edits are not available on this server: {reason}");
        }
        var tracker = CreateTracker(context.Width, context.Height);
        try
        {
            return operation switch
            {
                BackgroundReplaceOp replace => CreateReplace(tracker, context, replace.ReferenceIndex),
                BackgroundBlurOp blur => new BackgroundBlurProcessor(tracker, context, blur.Strength),
                BackgroundSolidOp solid => new BackgroundSolidProcessor(tracker, context, solid.R, solid.G, solid.B),
                BackgroundGrayscaleOp => new BackgroundGrayscaleProcessor(tracker, context),
                OutfitRecolourOp outfit => CreateOutfit(tracker, context, outfit.ReferenceIndex),
                _ => throw new ArgumentException($"not a person edit: {operation.GetType().Name}", nameof(operation)),
            };
        }
        catch
        {
            tracker.Dispose();
            throw;
        }
    }

    /// <summary>A mask tracker for frames of this size (the processors' own; also used by the benchmark).</summary>
    public PersonMaskTracker CreateTracker(int width, int height)
    {
        var segmenter = _segmenters.Create(width, height);
        try
        {
            return new PersonMaskTracker(segmenter, new BlazeFaceDetector(_faceModelPath), Mask);
        }
        catch
        {
            segmenter.Dispose();
            throw;
        }
    }

    private static BackgroundReplaceProcessor CreateReplace(PersonMaskTracker tracker, FrameContext context, int index)
    {
        using var reference = ReferenceImages.Load(context.ReferenceImages, index);
        return new BackgroundReplaceProcessor(tracker, context, reference);
    }

    private OutfitRecolourProcessor CreateOutfit(PersonMaskTracker tracker, FrameContext context, int index)
    {
        using var reference = ReferenceImages.Load(context.ReferenceImages, index);
        return new OutfitRecolourProcessor(tracker, context, GarmentPalette.Measure(reference), ClothingMask);
    }
}
