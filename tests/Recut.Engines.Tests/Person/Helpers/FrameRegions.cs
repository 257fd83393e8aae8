using OpenCvSharp;

namespace Recut.Engines.Tests.Person.Helpers;

/// <summary>
/// The sure-person and sure-background parts of a frame, from its truth mask: the person shrunk and the
/// background grown by a margin, so the feathered edge (and the model's edge error) is judged by neither.
/// </summary>
public sealed class FrameRegions
{
    private FrameRegions(bool[] person, bool[] background, int width)
    {
        Person = person;
        Background = background;
        Width = width;
    }

    public bool[] Person { get; }

    public bool[] Background { get; }

    public int Width { get; }

    public int PersonCount => Person.Count(p => p);

    public int BackgroundCount => Background.Count(b => b);

    public static FrameRegions FromTruth(ReadOnlySpan<byte> truth, int width, int height, int margin)
    {
        using var mask = Mat.FromPixelData(height, width, MatType.CV_8UC1, truth.ToArray());
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * margin) + 1, (2 * margin) + 1));
        using var inner = new Mat();
        using var outer = new Mat();
        Cv2.Threshold(mask, inner, 127, 255, ThresholdTypes.Binary);
        Cv2.Dilate(inner, outer, kernel);
        Cv2.Erode(inner, inner, kernel);
        var person = inner.AsSpan<byte>().ToArray().Select(v => v != 0).ToArray();
        var background = outer.AsSpan<byte>().ToArray().Select(v => v == 0).ToArray();
        return new FrameRegions(person, background, width);
    }

    /// <summary>Mean absolute difference per channel between two BGR24 frames over a region.</summary>
    public static double MeanAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, bool[] region)
    {
        long sum = 0, count = 0;
        for (var i = 0; i < region.Length; i++)
        {
            if (!region[i])
            {
                continue;
            }
            for (var c = 0; c < 3; c++)
            {
                sum += Math.Abs(a[(3 * i) + c] - b[(3 * i) + c]);
            }
            count += 3;
        }
        return count == 0 ? double.NaN : sum / (double)count;
    }
}
