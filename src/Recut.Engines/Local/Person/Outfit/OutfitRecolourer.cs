using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Moves colours from the source clothing's statistics to the garment's in Lab, keeping shading and folds:
/// <list type="bullet">
/// <item>L is re-centred on the garment's lightness (black, white and grey move lightness, not just chroma), its
/// contrast scaled as lighting would scale it (<see cref="ContrastFactor"/>: the source's folds and shading, not the
/// reference's), and the ends roll off softly instead of clipping, so folds stay visible on white or black.</item>
/// <item>a and b are moved to the garment's chroma, their variation scaled by the ratio of chromas (a grey target
/// gets no stray tint; a vivid one keeps the source's texture).</item>
/// </list>
/// Each channel is an independent 256-entry map, so the whole transfer is one OpenCV LUT on the Lab frame.
/// </summary>
public sealed class OutfitRecolourer : IDisposable
{
    /// <summary>Below this L spread (8-bit units) a garment counts as flat: a swatch or a named colour.</summary>
    public const double FlatSpread = 3;
    private const double Floor = 6, Ceiling = 250, Knee = 18;
    private readonly Mat _lab = new();
    private readonly Mat _lut = new(1, 256, MatType.CV_8UC3);

    /// <summary>The whole frame recoloured (CV_8UC3); the caller blends it in through the clothing mask.</summary>
    public Mat Recoloured { get; } = new();

    public void Recolour(Mat bgrFrame, LabStats source, LabStats garment)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        BuildLut(source, garment);
        Cv2.CvtColor(bgrFrame, _lab, ColorConversionCodes.BGR2Lab);
        Cv2.LUT(_lab, _lut, _lab);
        Cv2.CvtColor(_lab, Recoloured, ColorConversionCodes.Lab2BGR);
    }

    /// <summary>
    /// The L contrast factor: cloth is lit, so a new albedo multiplies the luminance of every fold by the same ratio.
    /// With L* = 116·Y^⅓ − 16 that is exactly an affine map of L* about −16 (above the dark toe), so
    /// k = (L*garment + 16) / (L*source + 16). Limited to 0.3–3 (a navy-to-white change would otherwise amplify JPEG
    /// noise fivefold) and so the source's usual ±2.5σ of shading fits between black and white.
    /// </summary>
    public static double ContrastFactor(LabStats source, LabStats garment)
    {
        var k = (ToLStar(garment.CentreL) + 16) / (ToLStar(source.CentreL) + 16);
        var room = Math.Min(Ceiling - garment.CentreL, garment.CentreL - Floor);
        var fit = Math.Max(room, 8) / (2.5 * Math.Max(source.SpreadL, 1.0));
        return Math.Clamp(Math.Min(k, Math.Max(fit, 0.5)), 0.3, 3.0);
    }

    private static double ToLStar(double l8) => l8 * 100 / 255;

    /// <summary>How much of the source's a/b variation survives: the ratio of chromas, within 0.2–1.</summary>
    public static double ChromaFactor(LabStats source, LabStats garment) =>
        Math.Clamp((garment.Chroma + 4) / (source.Chroma + 4), 0.2, 1.0);

    private void BuildLut(LabStats source, LabStats garment)
    {
        var k = ContrastFactor(source, garment);
        var c = ChromaFactor(source, garment);
        var table = _lut.AsSpan<byte>();
        for (var v = 0; v < 256; v++)
        {
            table[3 * v] = Clamp(SoftLimit(((v - source.CentreL) * k) + garment.CentreL));
            table[(3 * v) + 1] = Clamp(((v - source.CentreA) * c) + garment.CentreA);
            table[(3 * v) + 2] = Clamp(((v - source.CentreB) * c) + garment.CentreB);
        }
    }

    /// <summary>Identity in the middle, a smooth roll-off into <see cref="Floor"/> and <see cref="Ceiling"/>.</summary>
    internal static double SoftLimit(double l)
    {
        var high = Ceiling - Knee;
        var low = Floor + Knee;
        if (l > high)
        {
            return high + (Knee * Math.Tanh((l - high) / Knee));
        }
        if (l < low)
        {
            return low - (Knee * Math.Tanh((low - l) / Knee));
        }
        return l;
    }

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    public void Dispose()
    {
        _lab.Dispose();
        _lut.Dispose();
        Recoloured.Dispose();
    }
}
