using OpenCvSharp;

namespace Recut.Engines.Tests.Person.Support;

/// <summary>CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation) and CIE Lab of 8-bit BGR pixels (D65, sRGB).</summary>
public static class ColourDifference
{
    /// <summary>CIE Lab (L 0..100) of every pixel of a BGR24 image, as CV_32FC3.</summary>
    public static Mat Lab(Mat bgr)
    {
        using var f = new Mat();
        bgr.ConvertTo(f, MatType.CV_32FC3, 1 / 255.0);
        var lab = new Mat();
        Cv2.CvtColor(f, lab, ColorConversionCodes.BGR2Lab);
        return lab;
    }

    public static Vec3f Lab(Scalar bgr)
    {
        using var pixel = new Mat(1, 1, MatType.CV_8UC3, bgr);
        using var lab = Lab(pixel);
        return lab.At<Vec3f>(0, 0);
    }

    public static double Delta(Vec3f x, Vec3f y)
    {
        double l1 = x.Item0, a1 = x.Item1, b1 = x.Item2, l2 = y.Item0, a2 = y.Item1, b2 = y.Item2;
        var c1 = Math.Sqrt((a1 * a1) + (b1 * b1));
        var c2 = Math.Sqrt((a2 * a2) + (b2 * b2));
        var cm = (c1 + c2) / 2;
        var g = 0.5 * (1 - Math.Sqrt(Math.Pow(cm, 7) / (Math.Pow(cm, 7) + Math.Pow(25, 7))));
        var a1p = (1 + g) * a1;
        var a2p = (1 + g) * a2;
        var c1p = Math.Sqrt((a1p * a1p) + (b1 * b1));
        var c2p = Math.Sqrt((a2p * a2p) + (b2 * b2));
        var h1p = Hue(b1, a1p);
        var h2p = Hue(b2, a2p);
        var dl = l2 - l1;
        var dc = c2p - c1p;
        double dh;
        if (c1p * c2p == 0)
        {
            dh = 0;
        }
        else if (Math.Abs(h2p - h1p) <= 180)
        {
            dh = h2p - h1p;
        }
        else
        {
            dh = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
        }
        var dH = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Rad(dh / 2));
        var lm = (l1 + l2) / 2;
        var cmp = (c1p + c2p) / 2;
        double hm;
        if (c1p * c2p == 0)
        {
            hm = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            hm = (h1p + h2p) / 2;
        }
        else
        {
            hm = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
        }
        var t = 1 - (0.17 * Math.Cos(Rad(hm - 30))) + (0.24 * Math.Cos(Rad(2 * hm))) + (0.32 * Math.Cos(Rad((3 * hm) + 6))) - (0.2 * Math.Cos(Rad((4 * hm) - 63)));
        var dTheta = 30 * Math.Exp(-Math.Pow((hm - 275) / 25, 2));
        var rc = 2 * Math.Sqrt(Math.Pow(cmp, 7) / (Math.Pow(cmp, 7) + Math.Pow(25, 7)));
        var sl = 1 + (0.015 * Math.Pow(lm - 50, 2) / Math.Sqrt(20 + Math.Pow(lm - 50, 2)));
        var sc = 1 + (0.045 * cmp);
        var sh = 1 + (0.015 * cmp * t);
        var rt = -Math.Sin(Rad(2 * dTheta)) * rc;
        return Math.Sqrt(Math.Pow(dl / sl, 2) + Math.Pow(dc / sc, 2) + Math.Pow(dH / sh, 2) + (rt * (dc / sc) * (dH / sh)));
    }

    private static double Hue(double b, double a)
    {
        if (a == 0 && b == 0)
        {
            return 0;
        }
        var h = Math.Atan2(b, a) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    private static double Rad(double deg) => deg * Math.PI / 180;
}
