using System.Numerics;
using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>Three-channel pixels of a region as k-means samples.</summary>
internal static class PixelSamples
{
    /// <summary>
    /// Every n-th listed pixel, so at most <paramref name="maxSamples"/> rows (one per pixel, three float columns):
    /// an even subsample keeps the clustering's cost fixed however large the region, and its result the same.
    /// </summary>
    public static Mat EvenRows<T>(ReadOnlySpan<T> pixels, IReadOnlyList<int> indices, int maxSamples)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(indices);
        var stride = Math.Max(1, indices.Count / maxSamples);
        var n = (indices.Count + stride - 1) / stride;
        var samples = new Mat(n, 3, MatType.CV_32FC1);
        var data = samples.AsSpan<float>();
        for (var s = 0; s < n; s++)
        {
            var p = indices[s * stride] * 3;
            data[3 * s] = float.CreateTruncating(pixels[p]);
            data[(3 * s) + 1] = float.CreateTruncating(pixels[p + 1]);
            data[(3 * s) + 2] = float.CreateTruncating(pixels[p + 2]);
        }
        return samples;
    }
}
