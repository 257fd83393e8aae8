namespace Recut.Engines.Local.Colour;

/// <summary>
/// An R'G'B' → Y'CbCr matrix in limited ("TV") range: Y 16..235, Cb/Cr 16..240 around 128 — the plane values of an
/// 8-bit yuv420p H.264 stream, which the colour looks edit directly.
/// </summary>
public sealed record YCbCrMatrix(string Name, double Kr, double Kb)
{
    /// <summary>SD (and what ffmpeg's own RGB → YUV conversion uses when it is told nothing).</summary>
    public static readonly YCbCrMatrix Bt601 = new("bt601", 0.299, 0.114);

    /// <summary>HD: what a 720p or larger camera or encoder file almost always carries.</summary>
    public static readonly YCbCrMatrix Bt709 = new("bt709", 0.2126, 0.0722);

    /// <summary>
    /// MediaInfo does not carry the stream's colour matrix, so it is guessed from the frame size the way players do
    /// for untagged video (mpv's rule, orientation-free so portrait phone video and letterboxed HD count): 1280 px or
    /// more on the long side, or more than 576 lines on the short side, is HD and BT.709; anything smaller is BT.601.
    /// A wrong guess only skews the transfer's hue slightly.
    /// </summary>
    public static YCbCrMatrix ForFrameSize(int width, int height) =>
        Math.Max(width, height) >= 1280 || Math.Min(width, height) > 576 ? Bt709 : Bt601;

    private static readonly double[] ByteToLinear = Enumerable.Range(0, 256).Select(i => SrgbToLinear(i / 255.0)).ToArray();

    /// <summary>
    /// The luma a grey of the same luminance as this colour would have. Always ≥ Y': Y' is a weighted sum of
    /// gamma-encoded values, so dropping a saturated colour's chroma leaves a darker grey than the colour was
    /// (Y'CbCr's "non-constant luminance"); the difference is what black-and-white has to give back.
    /// </summary>
    public double GreyLumaOf(byte r, byte g, byte b)
    {
        var luminance = (Kr * ByteToLinear[r]) + ((1 - Kr - Kb) * ByteToLinear[g]) + (Kb * ByteToLinear[b]);
        return 16 + (219 * LinearToSrgb(luminance));
    }

    /// <summary>8-bit R'G'B' to limited-range Y'CbCr (not rounded).</summary>
    public (double Y, double Cb, double Cr) FromRgb(byte r, byte g, byte b)
    {
        double rn = r / 255.0, gn = g / 255.0, bn = b / 255.0;
        var luma = (Kr * rn) + ((1 - Kr - Kb) * gn) + (Kb * bn);
        return (16 + (219 * luma), 128 + (224 * (bn - luma) / (2 * (1 - Kb))), 128 + (224 * (rn - luma) / (2 * (1 - Kr))));
    }

    // The sRGB curve stands in for the display's: it is what the Lab lightness of the result is judged with.
    private static double SrgbToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);

    private static double LinearToSrgb(double c) => c <= 0.0031308 ? 12.92 * c : (1.055 * Math.Pow(c, 1 / 2.4)) - 0.055;
}
