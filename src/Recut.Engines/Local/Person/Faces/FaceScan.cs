using OpenCvSharp;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// Every face in a whole frame, near or far: the full-range detector run on the whole frame (letterboxed), on
/// frame-height squares, and on half-height squares that overlap by a quarter, so a face a few percent of the frame
/// high still spans ten or more of the model's 192 input pixels and is wholly inside at least one square. The
/// detections of all squares are merged as one set. The quarter-height squares are two thirds of the work (45 of 69 on a
/// 720p frame) and only matter for faces under ~40 px, so a caller may scan them on every other pass
/// (<c>fine: false</c>).
/// </summary>
public sealed class FaceScan(FullRangeFaceDetector detector)
{
    /// <summary>The squares scanned in a <paramref name="frame"/>-sized frame, largest first.</summary>
    public static IReadOnlyList<Rect> Regions(Size frame, bool fine = true)
    {
        var regions = new List<Rect> { new(0, 0, frame.Width, frame.Height) };
        var shortSide = Math.Min(frame.Width, frame.Height);
        foreach (var side in fine ? new[] { shortSide, shortSide / 2, shortSide / 4 } : [shortSide, shortSide / 2])
        {
            if (side < FullRangeFaceDetector.InputSize * 2 / 3)
            {
                break; // smaller squares would only upscale
            }
            foreach (var y in Starts(frame.Height, side))
            {
                foreach (var x in Starts(frame.Width, side))
                {
                    var square = new Rect(x, y, side, side);
                    if (!regions.Contains(square))
                    {
                        regions.Add(square);
                    }
                }
            }
        }
        return regions;
    }

    public List<FaceBox> Detect(Mat bgrFrame, bool fine = true, float minScore = FullRangeFaceDetector.DefaultMinScore)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        var all = new List<FaceBox>();
        foreach (var region in Regions(bgrFrame.Size(), fine))
        {
            all.AddRange(detector.Detect(bgrFrame, region, minScore));
        }
        return FaceNms.Merge(all);
    }

    /// <summary>Starts of squares of <paramref name="side"/> along <paramref name="length"/>, overlapping by at least a quarter, the last flush with the end.</summary>
    private static IEnumerable<int> Starts(int length, int side)
    {
        if (side >= length)
        {
            yield return 0;
            yield break;
        }
        var stride = side * 3 / 4;
        var count = (int)Math.Ceiling((double)(length - side) / stride) + 1;
        for (var i = 0; i < count; i++)
        {
            yield return (int)Math.Round((double)(length - side) * i / (count - 1));
        }
    }
}
