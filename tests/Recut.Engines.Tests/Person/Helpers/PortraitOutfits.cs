using OpenCvSharp;
using Recut.Engines;
using Recut.Engines.Local.Frames;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Processors;
using Recut.Engines.Local.Plan;
using Recut.Engines.Tests.Person.Support;
using Recut.Media.Probing;

namespace Recut.Engines.Tests.Person.Helpers;

/// <summary>Runs an outfit edit on a whole portrait (flag and all) as a short still clip and scores it against its garment mask.</summary>
public static class PortraitOutfits
{
    public const int Frames = 8;

    public static PersonFrameProcessorFactory Factory { get; } = PersonFrameProcessorFactory.FromOptions(new() { ModelsDirectory = PersonAssets.ModelsRoot() });

    /// <summary>The portrait after the edit, and its score against <paramref name="target"/> (CIE Lab).</summary>
    public static (Mat After, GarmentScore Score) Run(PersonPhoto person, FrameOperation op, string? reference, Vec3f target, string workDir)
    {
        ArgumentNullException.ThrowIfNull(person);
        using var photo = Cv2.ImRead(person.PhotoPath, ImreadModes.Color);
        using var truth = Cv2.ImRead(GarmentMetrics.TruthPath(person), ImreadModes.Grayscale);
        var refs = reference is null ? new List<LocalMedia>() : [new LocalMedia(reference, new MediaInfo { FormatName = "png_pipe", Width = 0, Height = 0 })];
        using var processor = (OutfitRecolourProcessor)Factory.Create(op, new FrameContext(photo.Width, photo.Height, 30, refs, 0, workDir));
        var after = StillRun.Run(photo, processor, Frames);
        using var mask = new Mat();
        Cv2.ExtractChannel(processor.GarmentMask, mask, 0);
        return (after, GarmentMetrics.Score(photo, after, mask, truth, target));
    }
}
