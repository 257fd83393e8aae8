using OpenCvSharp;
using Recut.Engines.Local.Person;
using Recut.Engines.Local.Person.Imaging;
using Recut.Engines.Local.Person.Masks;
using Recut.Engines.Tests.Person.Support;

namespace Recut.Bench.Person;

/// <summary>One clip's mask quality against its truth.</summary>
/// <param name="Flicker">Mean absolute change of the mask between consecutive frames (0..1).</param>
/// <param name="RawFlicker">The same without smoothing (still clips only).</param>
public sealed record ClipQuality(string Clip, int Frames, double MeanIoU, double MinIoU, double Flicker, double TruthFlicker, double? RawFlicker = null);

/// <summary>Runs the person mask tracker over truth clips and compares every frame's mask with the truth.</summary>
public static class QualityBench
{
    public static async Task<ClipQuality> MeasureAsync(TruthClip clip, PersonFrameProcessorFactory factory, CancellationToken ct = default)
    {
        using var tracker = factory.CreateTracker(clip.Width, clip.Height);
        using var full = new Mat();
        var size = new Size(clip.Width, clip.Height);
        var previous = new byte[clip.Width * clip.Height];
        var previousTruth = new byte[clip.Width * clip.Height];
        double iouSum = 0, iouMin = 1, changeSum = 0, truthChangeSum = 0;
        var frames = await TruthFrameReader.ReadAsync(clip, (bgr, truth, index) =>
        {
            Track(tracker, bgr, clip.Width, clip.Height, index);
            MaskUpsampler.Upsample(tracker.Mask, full, size);
            var mask = full.AsSpan<byte>();
            var iou = MaskMetrics.IoU(mask, truth);
            iouSum += iou;
            iouMin = Math.Min(iouMin, iou);
            if (index > 0)
            {
                changeSum += MaskMetrics.MeanAbsoluteChange(mask, previous);
                truthChangeSum += MaskMetrics.MeanAbsoluteChange(truth, previousTruth);
            }
            mask.CopyTo(previous);
            truth.CopyTo(previousTruth);
        }, ct);
        var pairs = Math.Max(1, frames - 1);
        return new ClipQuality(clip.Spec.Name, frames, iouSum / frames, iouMin, changeSum / pairs, truthChangeSum / pairs);
    }

    private static unsafe void Track(PersonMaskTracker tracker, Span<byte> bgr, int width, int height, int index)
    {
        fixed (byte* p = bgr)
        {
            using var frame = FrameMat.Wrap(p, width, height);
            tracker.Track(frame, index);
        }
    }
}
