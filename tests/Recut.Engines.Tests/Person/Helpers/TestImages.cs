using OpenCvSharp;
using Recut.Media.Processes;

namespace Recut.Engines.Tests.Person.Helpers;

/// <summary>Small images the person tests make for themselves.</summary>
public static class TestImages
{
    /// <summary>Applies an ffmpeg filter (e.g. a crop) to an image and writes a PNG.</summary>
    public static async Task<string> CropAsync(string source, string filter, string output)
    {
        await ProcessRunner.Ffmpeg.RunAsync(
            ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", source, "-vf", filter, output],
            new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(1) }, CancellationToken.None);
        return output;
    }

    /// <summary>A product shot: a T-shirt-shaped garment of one colour on a white backdrop.</summary>
    public static string Garment(string path, Scalar bgr)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, Scalar.All(250));
        Point[] shirt = [new(90, 40), new(210, 40), new(270, 100), new(235, 130), new(215, 110), new(215, 270), new(85, 270), new(85, 110), new(65, 130), new(30, 100)];
        Cv2.FillPoly(image, [shirt], bgr);
        // A few folds: the garment has shading, as a real one does.
        Cv2.Line(image, new Point(120, 150), new Point(140, 260), Shade(bgr, 0.8), 6);
        Cv2.Line(image, new Point(180, 140), new Point(170, 250), Shade(bgr, 0.85), 5);
        Cv2.ImWrite(path, image);
        return path;
    }

    private static Scalar Shade(Scalar c, double f) => new(c.Val0 * f, c.Val1 * f, c.Val2 * f);

    /// <summary>A landscape-ish reference picture with a known colour at every point: four coloured quadrants.</summary>
    public static string Quadrants(string path, int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3);
        image[new Rect(0, 0, width / 2, height / 2)].SetTo(new Scalar(0, 0, 255));
        image[new Rect(width / 2, 0, width - (width / 2), height / 2)].SetTo(new Scalar(0, 255, 0));
        image[new Rect(0, height / 2, width / 2, height - (height / 2))].SetTo(new Scalar(255, 0, 0));
        image[new Rect(width / 2, height / 2, width - (width / 2), height - (height / 2))].SetTo(new Scalar(0, 255, 255));
        Cv2.ImWrite(path, image);
        return path;
    }
}
