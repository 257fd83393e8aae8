using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The main colour of a masked region: the largest of four k-means clusters in Lab, with that cluster's robust
/// statistics, plus the clusters that are the same cloth in light or shadow (chroma close to the main one, any
/// lightness). A suit with a black helmet and a white collar ring is "orange", not their average, and a navy
/// jacket's lit shoulders are still the jacket.
/// </summary>
public static class DominantColour
{
    private const int Clusters = 4;
    private const int MaxSamples = 6000;
    private const double MinShadeShare = 0.08;

    /// <summary>The dominant colour of <paramref name="bgr"/> under <paramref name="mask"/> and its shades; null when the mask is empty.</summary>
    public static ColourFamily? Find(Mat bgr, Mat mask)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        using var maskCopy = mask.IsContinuous() ? null : mask.Clone();
        var pixels = lab.AsSpan<byte>();
        var selected = (maskCopy ?? mask).AsSpan<byte>();
        var indices = new List<int>();
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i] != 0)
            {
                indices.Add(i);
            }
        }
        if (indices.Count == 0)
        {
            return null;
        }
        if (indices.Count < Clusters * 8)
        {
            var all = LabStats.Measure(bgr, mask)!.Value;
            return new ColourFamily(all, [all.Centre]);
        }
        var centres = Cluster(pixels, indices);
        // Each pixel goes to its nearest centre and the largest group wins. Counting the same assignment that
        // builds the mask matters: on a flat swatch k-means returns equal centres, and counting k-means' own labels
        // once picked a cluster that then owned no pixel at all.
        using var groups = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(255));
        var label = groups.AsSpan<byte>();
        var counts = new int[Clusters];
        foreach (var i in indices)
        {
            var k = Nearest(pixels, i, centres);
            label[i] = (byte)k;
            counts[k]++;
        }
        var largest = Array.IndexOf(counts, counts.Max());
        using var main = new Mat();
        Cv2.Compare(groups, Scalar.All(largest), main, CmpTypes.EQ);
        var stats = LabStats.Measure(bgr, main)!.Value;
        var shades = new List<Vec3f> { stats.Centre };
        for (var k = 0; k < Clusters; k++)
        {
            if (k != largest && counts[k] >= MinShadeShare * indices.Count && ColourMembership.IsShadeOf(centres[k], stats.Centre))
            {
                shades.Add(centres[k]);
            }
        }
        return new ColourFamily(stats, shades);
    }

    private static Vec3f[] Cluster(ReadOnlySpan<byte> pixels, List<int> indices)
    {
        // Cluster an even subsample (speed); every pixel is then assigned to its nearest centre.
        using var samples = PixelSamples.EvenRows(pixels, indices, MaxSamples);
        using var labels = new Mat();
        using var centres = new Mat();
        // A fixed seed: the same picture always gives the same colour.
        Cv2.SetTheRNG(0x5eed);
        Cv2.Kmeans(samples, Clusters, labels, new TermCriteria(CriteriaTypes.Eps | CriteriaTypes.MaxIter, 15, 1.0), 2, KMeansFlags.PpCenters, centres);
        var c = centres.AsSpan<float>();
        var result = new Vec3f[Clusters];
        for (var k = 0; k < Clusters; k++)
        {
            result[k] = new Vec3f(c[3 * k], c[(3 * k) + 1], c[(3 * k) + 2]);
        }
        return result;
    }

    private static int Nearest(ReadOnlySpan<byte> pixels, int i, Vec3f[] centres)
    {
        var nearest = 0;
        var best = float.MaxValue;
        for (var k = 0; k < centres.Length; k++)
        {
            var dl = pixels[3 * i] - centres[k].Item0;
            var da = pixels[(3 * i) + 1] - centres[k].Item1;
            var db = pixels[(3 * i) + 2] - centres[k].Item2;
            var d = (dl * dl) + (da * da) + (db * db);
            if (d < best)
            {
                best = d;
                nearest = k;
            }
        }
        return nearest;
    }
}
