namespace Recut.Engines.Local.Colour;

/// <summary>A CIELAB colour (D65): L* 0..100, a* and b* roughly −128..127.</summary>
public readonly record struct LabColour(double L, double A, double B);

/// <summary>
/// sRGB (D65, the sRGB transfer curve) to CIELAB and back. Values in 0..1; <see cref="ToSrgb"/> does not clamp, so
/// callers can see how far out of gamut a colour went.
/// </summary>
public static class SrgbLab
{
    private const double Xn = 0.95047, Zn = 1.08883;
    private const double Epsilon = 216.0 / 24389, Kappa = 24389.0 / 27;

    private static readonly double[] ByteToLinear = BuildByteTable();

    public static LabColour FromBytes(byte r, byte g, byte b) => FromLinear(ByteToLinear[r], ByteToLinear[g], ByteToLinear[b]);

    public static LabColour FromSrgb(double r, double g, double b) => FromLinear(ToLinear(r), ToLinear(g), ToLinear(b));

    public static (double R, double G, double B) ToSrgb(LabColour lab)
    {
        var fy = (lab.L + 16) / 116;
        var fx = fy + (lab.A / 500);
        var fz = fy - (lab.B / 200);
        var x = Xn * FInverse(fx);
        var y = lab.L > Kappa * Epsilon ? fy * fy * fy : lab.L / Kappa;
        var z = Zn * FInverse(fz);
        var lr = (3.2404542 * x) - (1.5371385 * y) - (0.4985314 * z);
        var lg = (-0.9692660 * x) + (1.8760108 * y) + (0.0415560 * z);
        var lb = (0.0556434 * x) - (0.2040259 * y) + (1.0572252 * z);
        return (FromLinear(lr), FromLinear(lg), FromLinear(lb));
    }

    private static LabColour FromLinear(double r, double g, double b)
    {
        var x = ((0.4124564 * r) + (0.3575761 * g) + (0.1804375 * b)) / Xn;
        var y = (0.2126729 * r) + (0.7151522 * g) + (0.0721750 * b);
        var z = ((0.0193339 * r) + (0.1191920 * g) + (0.9503041 * b)) / Zn;
        double fx = F(x), fy = F(y), fz = F(z);
        return new LabColour((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    private static double F(double t) => t > Epsilon ? Math.Cbrt(t) : ((Kappa * t) + 16) / 116;

    private static double FInverse(double f)
    {
        var cube = f * f * f;
        return cube > Epsilon ? cube : ((116 * f) - 16) / Kappa;
    }

    private static double ToLinear(double c) =>
        c <= 0.04045 ? c / 12.92 : Math.Pow((Math.Max(c, 0) + 0.055) / 1.055, 2.4);

    private static double FromLinear(double c) =>
        c <= 0.0031308 ? 12.92 * c : (1.055 * Math.Pow(c, 1 / 2.4)) - 0.055;

    private static double[] BuildByteTable()
    {
        var table = new double[256];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = ToLinear(i / 255.0);
        }
        return table;
    }
}
