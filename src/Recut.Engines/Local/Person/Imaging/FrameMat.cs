using OpenCvSharp;

namespace Recut.Engines.Local.Person.Imaging;

/// <summary>Views a pinned packed-BGR24 buffer as an OpenCV Mat without copying.</summary>
public static class FrameMat
{
    /// <summary>
    /// A Mat header over <paramref name="pixels"/>. The caller keeps the buffer pinned (a <c>fixed</c> block)
    /// for as long as the Mat is used and disposes the Mat before leaving that block.
    /// </summary>
    public static unsafe Mat Wrap(byte* pixels, int width, int height) =>
        Mat.FromPixelData(height, width, MatType.CV_8UC3, (IntPtr)pixels, width * 3L);

    /// <summary>Throws when a frame buffer does not hold exactly one BGR24 frame of this size.</summary>
    public static void CheckLength(int length, int width, int height)
    {
        var expected = (long)width * height * 3;
        if (length != expected)
        {
            throw new ArgumentException($"frame buffer holds {length} bytes; a {width}x{height} BGR24 frame needs {expected}");
        }
    }
}
