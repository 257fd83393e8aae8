using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// Moves colours from the source clothing's statistics to the garment's in Lab, keeping shading: a and b are
/// shifted (pattern and texture stay), L is re-centred and its contrast scaled within 0.6–1.5×. Each channel is
/// an independent 256-entry map, so the whole transfer is one OpenCV LUT on the Lab frame.
/// </summary>
public sealed class OutfitRecolourer : IDisposable
{
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

    /// <summary>The L contrast factor used for these statistics.</summary>
    public static double ContrastFactor(LabStats source, LabStats garment) =>
        Math.Clamp(garment.SpreadL / Math.Max(source.SpreadL, 1.0), 0.6, 1.5);

    private void BuildLut(LabStats source, LabStats garment)
    {
        var k = ContrastFactor(source, garment);
        var da = garment.CentreA - source.CentreA;
        var db = garment.CentreB - source.CentreB;
        var table = _lut.AsSpan<byte>();
        for (var v = 0; v < 256; v++)
        {
            table[3 * v] = Clamp(((v - source.CentreL) * k) + garment.CentreL);
            table[(3 * v) + 1] = Clamp(v + da);
            table[(3 * v) + 2] = Clamp(v + db);
        }
    }

    private static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    public void Dispose()
    {
        _lab.Dispose();
        _lut.Dispose();
        Recoloured.Dispose();
    }
}
