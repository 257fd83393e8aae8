using OpenCvSharp;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>Patterned outfit references drawn with OpenCV: fabric swatches and a product shot, each with a known period.</summary>
public static class PatternCases
{
    public static Scalar Red { get; } = new(40, 40, 200);

    public static Scalar Cream { get; } = new(225, 240, 245);

    public static Scalar Navy { get; } = new(86, 42, 31);

    public static Scalar Yellow { get; } = new(40, 210, 235);

    /// <summary>A 300×300 swatch of vertical stripes <paramref name="a"/> and <paramref name="b"/>, <paramref name="period"/> px a pair.</summary>
    public static string Stripes(string path, Scalar a, Scalar b, int period = 40, bool vertical = true)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, b);
        for (var t = 0; t < 300; t += period)
        {
            var band = vertical ? new Rect(t, 0, period / 2, 300) : new Rect(0, t, 300, period / 2);
            image[band.Intersect(new Rect(0, 0, 300, 300))].SetTo(a);
        }
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>A 300×300 checkerboard of <paramref name="a"/> and <paramref name="b"/> squares, <paramref name="period"/> px a pair.</summary>
    public static string Checks(string path, Scalar a, Scalar b, int period = 50)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, b);
        var half = period / 2;
        for (var y = 0; y < 300; y += half)
        {
            for (var x = 0; x < 300; x += half)
            {
                if (((x / half) + (y / half)) % 2 == 0)
                {
                    image[new Rect(x, y, half, half).Intersect(new Rect(0, 0, 300, 300))].SetTo(a);
                }
            }
        }
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>Dots of three colours scattered on a ground: a print (no main direction).</summary>
    public static string Dots(string path, Scalar ground, Scalar[] dots)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, ground);
        var random = new Random(7);
        for (var i = 0; i < 140; i++)
        {
            Cv2.Circle(image, new Point(random.Next(300), random.Next(300)), 7 + random.Next(6), dots[i % dots.Length], -1, LineTypes.AntiAlias);
        }
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>The product-shot T-shirt (see <see cref="OutfitCases.ProductShot"/>) in vertical stripes, on a plain light backdrop.</summary>
    public static string StripedProductShot(string path, Scalar a, Scalar b, int period = 24)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, Scalar.All(250));
        using var shirtMask = new Mat(300, 300, MatType.CV_8UC1, Scalar.All(0));
        Point[] shirt = [new(90, 40), new(210, 40), new(270, 100), new(235, 130), new(215, 110), new(215, 270), new(85, 270), new(85, 110), new(65, 130), new(30, 100)];
        Cv2.FillPoly(shirtMask, [shirt], Scalar.All(255));
        using var stripes = new Mat(300, 300, MatType.CV_8UC3, b);
        for (var x = 0; x < 300; x += period)
        {
            stripes[new Rect(x, 0, Math.Min(period / 2, 300 - x), 300)].SetTo(a);
        }
        stripes.CopyTo(image, shirtMask);
        Cv2.ImWrite(path, image);
        return path;
    }

    /// <summary>A diagonal striped sash 30 px wide on a plain backdrop: patterned, but no rectangle of the pattern fits inside it.</summary>
    public static string Sash(string path, Scalar a, Scalar b)
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, Scalar.All(250));
        using var band = new Mat(300, 300, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Line(band, new Point(0, 300), new Point(300, 0), Scalar.All(255), 30);
        using var stripes = new Mat(300, 300, MatType.CV_8UC3, b);
        for (var x = 0; x < 300; x += 12)
        {
            stripes[new Rect(x, 0, 6, 300)].SetTo(a);
        }
        stripes.CopyTo(image, band);
        Cv2.ImWrite(path, image);
        return path;
    }
}
