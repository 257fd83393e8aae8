using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// The main colour of a masked region: the largest of three k-means clusters in Lab, and that cluster's
/// robust statistics. A suit with a black helmet and a white collar ring is "orange", not their average.
/// </summary>
public static class DominantColour
{
    private const int Clusters = 3;
    private const int MaxSamples = 6000;

    /// <summary>Statistics of the dominant colour of <paramref name="bgr"/> under <paramref name="mask"/>; null when the mask is empty.</summary>
    public static LabStats? Find(Mat bgr, Mat mask)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        using var cluster = LargestCluster(bgr, mask);
        return cluster is null ? LabStats.Measure(bgr, mask) : LabStats.Measure(bgr, cluster);
    }

    /// <summary>A mask of the pixels in the largest colour cluster, or null when there are too few pixels to cluster.</summary>
    private static Mat? LargestCluster(Mat bgr, Mat mask)
    {
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
        if (indices.Count < Clusters * 8)
        {
            return null;
        }
        // Cluster an even subsample (speed); every pixel is then assigned to its nearest centre.
        var stride = Math.Max(1, indices.Count / MaxSamples);
        var sampleCount = (indices.Count + stride - 1) / stride;
        using var samples = new Mat(sampleCount, 3, MatType.CV_32FC1);
        var data = samples.AsSpan<float>();
        for (var s = 0; s < sampleCount; s++)
        {
            var p = indices[s * stride] * 3;
            data[3 * s] = pixels[p];
            data[(3 * s) + 1] = pixels[p + 1];
            data[(3 * s) + 2] = pixels[p + 2];
        }
        using var labels = new Mat();
        using var centres = new Mat();
        // A fixed seed: the same picture always gives the same colour.
        Cv2.SetTheRNG(0x5eed);
        Cv2.Kmeans(samples, Clusters, labels, new TermCriteria(CriteriaTypes.Eps | CriteriaTypes.MaxIter, 15, 1.0), 2, KMeansFlags.PpCenters, centres);
        var counts = new int[Clusters];
        foreach (var label in labels.AsSpan<int>())
        {
            counts[label]++;
        }
        var largest = Array.IndexOf(counts, counts.Max());
        var c = centres.AsSpan<float>();
        var result = new Mat(bgr.Size(), MatType.CV_8UC1, Scalar.All(0));
        var output = result.AsSpan<byte>();
        foreach (var i in indices)
        {
            var nearest = 0;
            var best = float.MaxValue;
            for (var k = 0; k < Clusters; k++)
            {
                var dl = pixels[3 * i] - c[3 * k];
                var da = pixels[(3 * i) + 1] - c[(3 * k) + 1];
                var db = pixels[(3 * i) + 2] - c[(3 * k) + 2];
                var d = (dl * dl) + (da * da) + (db * db);
                if (d < best)
                {
                    best = d;
                    nearest = k;
                }
            }
            if (nearest == largest)
            {
                output[i] = 255;
            }
        }
        return result;
    }
}
