using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Engines.Local.Person.Masks;

/// <summary>
/// Counts, over a whole clip, the frames that showed a person and whether a face ever confirmed one.
/// Decides the clip-level "no person" failure.
/// </summary>
public sealed class PersonPresence(MaskOptions options)
{
    public int FramesSeen { get; private set; }

    public int FramesWithPerson { get; private set; }

    public float BestFaceScore { get; private set; }

    public bool FaceConfirmed => BestFaceScore >= options.MinFaceScore;

    /// <summary>True once the clip showed a person (and, when required, a face).</summary>
    public bool PersonFound => FramesWithPerson > 0 && (FaceConfirmed || !options.RequireFace);

    /// <summary>Whether one frame's segmentation counts as showing a person.</summary>
    public bool Shows(SegmentationStats stats) =>
        stats.Coverage >= options.MinCoverage && stats.Confidence >= options.MinConfidence;

    public bool Record(SegmentationStats stats)
    {
        FramesSeen++;
        var shows = Shows(stats);
        if (shows)
        {
            FramesWithPerson++;
        }
        return shows;
    }

    public void RecordFace(float score) => BestFaceScore = Math.Max(BestFaceScore, score);

    /// <summary>Why <see cref="PersonFound"/> is false, in words for the task's error message.</summary>
    public string Explain() => FramesWithPerson == 0
        ? $"no person was found in any of the {FramesSeen} frames"
        : $"something person-shaped was segmented in {FramesWithPerson} of {FramesSeen} frames, but no face was found (best face score {BestFaceScore:0.00}), so it is not taken for a person";
}
