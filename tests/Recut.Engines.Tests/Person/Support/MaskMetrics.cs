namespace Recut.Engines.Tests.Person.Support;

/// <summary>Figures that compare masks (one byte a pixel, 255 = person).</summary>
public static class MaskMetrics
{
    /// <summary>Intersection over union of the two masks thresholded at one half; 1 when both are empty.</summary>
    public static double IoU(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException("masks differ in size");
        }
        long inter = 0, union = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var p = predicted[i] >= 128;
            var t = truth[i] >= 128;
            if (p && t)
            {
                inter++;
            }
            if (p || t)
            {
                union++;
            }
        }
        return union == 0 ? 1 : inter / (double)union;
    }

    /// <summary>Mean absolute difference of two masks as a fraction of full scale (0..1).</summary>
    public static double MeanAbsoluteChange(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("masks differ in size");
        }
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }
        return sum / (255.0 * a.Length);
    }
}
