using OpenCvSharp;

namespace Recut.Engines.Local.Person.Faces;

/// <summary>
/// MediaPipe's weighted non-maximum suppression: the best detection takes every other whose overlap with it is above
/// a threshold, and the merged box is their score-weighted mean — steadier than keeping the best box alone, because
/// neighbouring anchors see the same face a pixel or two apart.
/// </summary>
public static class FaceNms
{
    /// <summary>MediaPipe's min_suppression_threshold for face detection.</summary>
    public const float DefaultOverlap = 0.3f;

    public static List<FaceBox> Merge(IEnumerable<FaceBox> detections, float overlap = DefaultOverlap)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var left = detections.OrderByDescending(d => d.Score).ToList();
        var merged = new List<FaceBox>();
        while (left.Count > 0)
        {
            var best = left[0];
            var group = left.Where(d => IoU(best.Box, d.Box) > overlap).ToList();
            left.RemoveAll(group.Contains);
            if (!group.Contains(best))
            {
                group.Add(best); // a degenerate box overlaps nothing, not even itself
                left.Remove(best);
            }
            var total = group.Sum(d => d.Score);
            var x = group.Sum(d => d.Box.X * d.Score) / total;
            var y = group.Sum(d => d.Box.Y * d.Score) / total;
            var w = group.Sum(d => d.Box.Width * d.Score) / total;
            var h = group.Sum(d => d.Box.Height * d.Score) / total;
            merged.Add(new FaceBox(new Rect2f(x, y, w, h), best.Score));
        }
        return merged;
    }

    public static float IoU(Rect2f a, Rect2f b)
    {
        var x1 = Math.Max(a.X, b.X);
        var y1 = Math.Max(a.Y, b.Y);
        var x2 = Math.Min(a.X + a.Width, b.X + b.Width);
        var y2 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var inter = Math.Max(0, x2 - x1) * Math.Max(0, y2 - y1);
        var union = (a.Width * a.Height) + (b.Width * b.Height) - inter;
        return union > 0 ? inter / union : 0;
    }
}
