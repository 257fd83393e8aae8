using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>The largest axis-aligned rectangle of set pixels in a mask (histogram-stack method, one pass over the rows).</summary>
public static class InscribedRectangle
{
    public static Rect Find(Mat mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int width = mask.Width, height = mask.Height;
        using var copy = mask.Clone();
        var pixels = copy.AsSpan<byte>();
        var heights = new int[width + 1];
        var stack = new int[width + 1];
        var best = new Rect();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                heights[x] = pixels[(y * width) + x] != 0 ? heights[x] + 1 : 0;
            }
            // heights[width] stays 0: it empties the stack at the row's end.
            var top = 0;
            for (var x = 0; x <= width; x++)
            {
                while (top > 0 && heights[stack[top - 1]] >= heights[x])
                {
                    var h = heights[stack[--top]];
                    var left = top > 0 ? stack[top - 1] + 1 : 0;
                    var w = x - left;
                    if ((long)w * h > (long)best.Width * best.Height)
                    {
                        best = new Rect(left, y - h + 1, w, h);
                    }
                }
                stack[top++] = x;
            }
        }
        return best;
    }
}
