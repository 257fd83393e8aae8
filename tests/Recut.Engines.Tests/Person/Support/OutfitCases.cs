using OpenCvSharp;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>The target colours and the reference images of each kind the outfit bench and tests use.</summary>
public static class OutfitCases
{
    public static IReadOnlyList<(string Name, Scalar Bgr)> Colours { get; } =
    [
        ("red", new Scalar(30, 30, 200)),
        ("black", new Scalar(32, 32, 32)),
        ("white", new Scalar(245, 245, 245)),
        ("navy", new Scalar(86, 42, 31)),
        ("grey", new Scalar(128, 128, 128)),
        ("royal blue", new Scalar(225, 105, 65)),
    ];

    public static string Hex(Scalar bgr) => $"#{(int)bgr.Val2:x2}{(int)bgr.Val1:x2}{(int)bgr.Val0:x2}";

    /// <summary>A flat 300×300 swatch.</summary>
    public static string Swatch(string path, Scalar bgr)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, bgr);
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>A T-shirt of one colour with two fold lines, on a backdrop that contrasts with it (light for dark cloth, dark for light).</summary>
    public static string ProductShot(string path, Scalar bgr)
    {
        var luma = (0.114 * bgr.Val0) + (0.587 * bgr.Val1) + (0.299 * bgr.Val2);
        using var image = new Mat(300, 300, MatType.CV_8UC3, Scalar.All(luma > 140 ? 60 : 240));
        Point[] shirt = [new(90, 40), new(210, 40), new(270, 100), new(235, 130), new(215, 110), new(215, 270), new(85, 270), new(85, 110), new(65, 130), new(30, 100)];
        Cv2.FillPoly(image, [shirt], bgr);
        Cv2.Line(image, new Point(120, 150), new Point(140, 260), Shade(bgr, 0.85), 6);
        Cv2.Line(image, new Point(180, 140), new Point(170, 250), Shade(bgr, 0.9), 5);
        Cv2.ImWrite(path, image);
        return path;
    }

    private static Scalar Shade(Scalar c, double f) => new(c.Val0 * f, c.Val1 * f, c.Val2 * f);
}
