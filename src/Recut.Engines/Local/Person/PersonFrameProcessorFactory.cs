using System.Runtime.CompilerServices;
using OpenCvSharp;
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
    private readonly Func<Mat, IReferencePersonGarment, GarmentPalette.Result> _measure;

    /// <summary>
    /// What <see cref="Resolve"/> measured, handed to <see cref="Create"/> for the same step: measuring a person photo runs
    /// the segmenter and the pose model on it, which should happen once a task. Keyed by the resolved step itself, so a
    /// step that is never rendered lets its entry go with it.
    /// </summary>
    private readonly ConditionalWeakTable<OutfitRecolourOp, MeasuredReference> _measured = new();

    /// <param name="measure">How a reference image is measured (default <see cref="GarmentPalette.Measure"/>); a seam for counting.</param>
    public PersonFrameProcessorFactory(IPersonSegmenterFactory segmenters, string faceModelPath, MaskOptions? mask = null,
        Func<Mat, IReferencePersonGarment, GarmentPalette.Result>? measure = null)
    {
        _segmenters = segmenters ?? throw new ArgumentNullException(nameof(segmenters));
        _measure = measure ?? GarmentPalette.Measure;
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

    /// <summary>The models root the face model lives in (its <c>mediapipe/</c> folder's parent), for the reframe analysis.</summary>
    public string ModelsRoot => Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(_faceModelPath))) ?? "";

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
                OutfitRecolourOp outfit => CreateOutfit(tracker, context, TakeMeasured(outfit, context) ?? MeasureReference(context, outfit.ReferenceIndex)),
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
        var measured = Measure(referenceImages, outfit.ReferenceIndex);
        var resolved = outfit with { Reading = Read(measured) };
        _measured.AddOrUpdate(resolved, new MeasuredReference(referenceImages[outfit.ReferenceIndex].Path, measured));
        return resolved;
    }

    /// <summary>The measurement <see cref="Resolve"/> made for this very step and reference, taken over by the caller; else null.</summary>
    private GarmentPalette.Result? TakeMeasured(OutfitRecolourOp outfit, FrameContext context)
    {
        if (!_measured.TryGetValue(outfit, out var kept) || !_measured.Remove(outfit))
        {
            return null;
        }
        var index = outfit.ReferenceIndex;
        if (index >= 0 && index < context.ReferenceImages.Count && context.ReferenceImages[index].Path == kept.Path)
        {
            return kept.Result;
        }
        kept.Result.Dispose();
        return null;
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
        return Measure(context.ReferenceImages, index);
    }

    private GarmentPalette.Result Measure(IReadOnlyList<LocalMedia> references, int index)
    {
        using var reference = ReferenceImages.Load(references, index);
        return _measure(reference, new ReferencePersonGarment(CreateTracker, CreatePose));
    }

    /// <summary>A reference image's path and what was measured in it.</summary>
    private sealed record MeasuredReference(string Path, GarmentPalette.Result Result);

    private PoseLandmarker CreatePose() => new(_poseModelPath);

    /// <summary>The processor takes over the measurement's pattern (if any) and disposes it.</summary>
    private OutfitRecolourProcessor CreateOutfit(PersonMaskTracker tracker, FrameContext context, GarmentPalette.Result garment) =>
        new(tracker, context, garment.Colour, ClothingMask, CreatePose(), garment.Pattern);
}
