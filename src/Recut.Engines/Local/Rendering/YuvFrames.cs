using OpenCvSharp;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// The frame pipeline's pipes carry planar YUV 4:2:0 (half the bytes of BGR24, and what the decoder makes and the
/// encoder takes anyway); the frame processors see packed BGR24. This converts between the two in place of ffmpeg's
/// swscale, on the .NET side.
/// <para>
/// The matrix is OpenCV's (BT.601, limited range), the same one swscale used when the pipes were BGR24 and the
/// render did not name a matrix, so colours do not move.
/// </para>
/// </summary>
public sealed class YuvFrames(int width, int height)
{
    public const string PixelFormat = "yuv420p";

    public int Width { get; } = width % 2 == 0 && width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width), "4:2:0 frames need an even width");

    public int Height { get; } = height % 2 == 0 && height > 0 ? height : throw new ArgumentOutOfRangeException(nameof(height), "4:2:0 frames need an even height");

    /// <summary>Bytes of one 4:2:0 frame on a pipe.</summary>
    public int YuvBytes => checked(Width * Height * 3 / 2);

    /// <summary>Bytes of one packed BGR24 frame as the processors see it.</summary>
    public int BgrBytes => checked(Width * Height * 3);

    public unsafe void ToBgr(ReadOnlySpan<byte> yuv, Span<byte> bgr)
    {
        Check(yuv.Length, bgr.Length);
        fixed (byte* source = yuv)
        fixed (byte* target = bgr)
        {
            using var planes = Mat.FromPixelData(Height * 3 / 2, Width, MatType.CV_8UC1, (IntPtr)source);
            using var packed = Mat.FromPixelData(Height, Width, MatType.CV_8UC3, (IntPtr)target);
            Cv2.CvtColor(planes, packed, ColorConversionCodes.YUV2BGR_I420);
        }
    }

    public unsafe void ToYuv(ReadOnlySpan<byte> bgr, Span<byte> yuv)
    {
        Check(yuv.Length, bgr.Length);
        fixed (byte* source = bgr)
        fixed (byte* target = yuv)
        {
            using var packed = Mat.FromPixelData(Height, Width, MatType.CV_8UC3, (IntPtr)source);
            using var planes = Mat.FromPixelData(Height * 3 / 2, Width, MatType.CV_8UC1, (IntPtr)target);
            Cv2.CvtColor(packed, planes, ColorConversionCodes.BGR2YUV_I420);
        }
    }

    private void Check(int yuvLength, int bgrLength)
    {
        if (yuvLength < YuvBytes || bgrLength < BgrBytes)
        {
            throw new ArgumentException($"a {Width}×{Height} frame needs {YuvBytes} bytes of 4:2:0 and {BgrBytes} of BGR24");
        }
    }
}
