using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// How much each pixel belongs to the garment's main colour: full weight within a small Lab distance of it,
/// fading to none further out. Lightness counts a quarter, so shading folds stay in while a white collar on a
/// navy uniform, a black helmet held against an orange suit or a colourful badge stay out.
/// </summary>
public static class ColourMembership
{
    public const double Inner = 18;
    public const double Outer = 36;
    private const double LightnessWeight = 0.25;
    private static readonly byte[] Table = BuildTable();

    /// <summary>Writes mask × membership (CV_8UC1) into <paramref name="output"/>.</summary>
    public static void Weigh(Mat bgr, Mat mask, LabStats colour, Mat output)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(output);
        using var lab = new Mat();
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        output.Create(mask.Size(), MatType.CV_8UC1);
        using var maskCopy = mask.IsContinuous() ? null : mask.Clone();
        var pixels = lab.AsSpan<byte>();
        var selected = (maskCopy ?? mask).AsSpan<byte>();
        var weights = output.AsSpan<byte>();
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i] == 0)
            {
                weights[i] = 0;
                continue;
            }
            var dl = (pixels[3 * i] - colour.CentreL) * LightnessWeight;
            var da = pixels[(3 * i) + 1] - colour.CentreA;
            var db = pixels[(3 * i) + 2] - colour.CentreB;
            var squared = (int)Math.Min((dl * dl) + (da * da) + (db * db), Table.Length - 1);
            weights[i] = (byte)((selected[i] * Table[squared]) / 255);
        }
    }

    /// <summary>Weight by squared distance, so the loop needs no square root.</summary>
    private static byte[] BuildTable()
    {
        var table = new byte[(int)(Outer * Outer) + 1];
        for (var sq = 0; sq < table.Length; sq++)
        {
            var d = Math.Sqrt(sq);
            var t = Math.Clamp((Outer - d) / (Outer - Inner), 0, 1);
            table[sq] = (byte)Math.Round(255 * t);
        }
        return table;
    }
}
