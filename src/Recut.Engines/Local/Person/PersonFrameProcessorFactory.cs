using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person.Faces;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Local.Person.Outfit;
using Recut.Engines.Local.Person.Pose;
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
    private readonly string _poseModelPath;

    public PersonFrameProcessorFactory(IPersonSegmenterFactory segmenters, string faceModelPath, MaskOptions? mask = null)
    {
        _segmenters = segmenters ?? throw new ArgumentNullException(nameof(segmenters));
        _faceModelPath = faceModelPath ?? throw new ArgumentNullException(nameof(faceModelPath));
        // The pose model sits beside the face model (both come from scripts/fetch-models.sh).
        _poseModelPath = Path.Combine(Path.GetDirectoryName(faceModelPath) ?? "", PoseLandmarker.ModelFile);
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

    /// <summary>Null when outfit edits can run (they also need the pose model); otherwise what is missing.</summary>
    public string? OutfitUnavailableReason =>
        UnavailableReason
        ?? (File.Exists(_poseModelPath) ? null : $"pose model missing: {_poseModelPath} (run scripts/fetch-models.sh)");

    public bool CanCreate(FrameOperation operation) => operation switch
    {
        OutfitRecolourOp or OutfitColourOp => OutfitUnavailableReason is null,
        BackgroundReplaceOp or BackgroundBlurOp or BackgroundSolidOp or BackgroundGrayscaleOp => UnavailableReason is null,
        _ => false,
    };

    public IFrameProcessor Create(FrameOperation operation, FrameContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if ((operation is OutfitRecolourOp or OutfitColourOp ? OutfitUnavailableReason : UnavailableReason) is { } reason)
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
                OutfitRecolourOp outfit => CreateOutfit(tracker, context, MeasureReference(context, outfit.ReferenceIndex)),
                OutfitColourOp named => CreateOutfit(tracker, context, new GarmentPalette.Result(LabStats.Flat(named.B, named.G, named.R), ReferenceKind.Text)),
                _ => throw new ArgumentException($"not a person edit: {operation.GetType().Name}", nameof(operation)),
            };
        }
        catch
        {
            tracker.Dispose();
            throw;
        }
    }

    /// <summary>An outfit step from a reference learns here whether it carries a colour or a pattern, and which.</summary>
    public FrameOperation Resolve(FrameOperation operation, IReadOnlyList<LocalMedia> referenceImages)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(referenceImages);
        if (operation is not OutfitRecolourOp outfit || OutfitUnavailableReason is not null)
        {
            return operation;
        }
        using var reference = ReferenceImages.Load(referenceImages, outfit.ReferenceIndex);
        using var measured = GarmentPalette.Measure(reference, new ReferencePersonGarment(CreateTracker, CreatePose));
        return outfit with { Reading = Read(measured) };
    }

    /// <summary>The measurement in the plan's words.</summary>
    public static GarmentReading Read(GarmentPalette.Result measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var source = measured.Kind switch
        {
            ReferenceKind.PersonPhoto => "a photo of a person wearing it",
            ReferenceKind.ProductShot => "a product shot",
            ReferenceKind.Swatch => measured.Pattern is null ? "a colour swatch" : "a swatch of the fabric",
            _ => "a colour named in words",
        };
        return new GarmentReading(source, measured.Colour.Hex, measured.Pattern?.Word);
    }

    /// <summary>A mask tracker for frames of this size (the processors' own; also used by the benchmark).</summary>
    public PersonMaskTracker CreateTracker(int width, int height)
    {
        var segmenter = _segmenters.Create(width, height);
        IPersonSegmenter? closeUp = null;
        try
        {
            // Only a wide model leaves a standing person at a small scale; a square one already gives them its whole input.
            if (Mask.PersonCrop && segmenter.MaskSize.Width > segmenter.MaskSize.Height)
            {
                var side = Math.Min(width, height);
                closeUp = _segmenters.Create(side, side);
            }
            return new PersonMaskTracker(segmenter, new BlazeFaceDetector(_faceModelPath), Mask, closeUp);
        }
        catch
        {
            segmenter.Dispose();
            closeUp?.Dispose();
            throw;
        }
    }

    private static BackgroundReplaceProcessor CreateReplace(PersonMaskTracker tracker, FrameContext context, int index)
    {
        using var reference = ReferenceImages.Load(context.ReferenceImages, index);
        return new BackgroundReplaceProcessor(tracker, context, reference);
    }

    /// <summary>The garment colour of reference image <paramref name="index"/> (a swatch, a person wearing it, or a product shot).</summary>
    public GarmentPalette.Result MeasureReference(FrameContext context, int index)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reference = ReferenceImages.Load(context.ReferenceImages, index);
        return GarmentPalette.Measure(reference, new ReferencePersonGarment(CreateTracker, CreatePose));
    }

    private PoseLandmarker CreatePose() => new(_poseModelPath);

    /// <summary>The processor takes over the measurement's pattern (if any) and disposes it.</summary>
    private OutfitRecolourProcessor CreateOutfit(PersonMaskTracker tracker, FrameContext context, GarmentPalette.Result garment) =>
        new(tracker, context, garment.Colour, ClothingMask, CreatePose(), garment.Pattern);
}
