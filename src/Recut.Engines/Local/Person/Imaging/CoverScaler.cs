using OpenCvSharp;

namespace Recut.Engines.Local.Person.Imaging;

/// <summary>Scales an image to cover a frame without distortion and crops the overflow equally from both sides.</summary>
public static class CoverScaler
{
    public static Mat Cover(Mat image, Size frame)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = Math.Max(frame.Width / (double)image.Width, frame.Height / (double)image.Height);
        var scaled = new Size(
            Math.Max(frame.Width, (int)Math.Ceiling(image.Width * scale)),
            Math.Max(frame.Height, (int)Math.Ceiling(image.Height * scale)));
        using var resized = new Mat();
        Cv2.Resize(image, resized, scaled, 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Cubic);
        var x = (scaled.Width - frame.Width) / 2;
        var y = (scaled.Height - frame.Height) / 2;
        using var roi = new Mat(resized, new Rect(x, y, frame.Width, frame.Height));
        return roi.Clone();
    }
}
