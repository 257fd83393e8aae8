using OpenCvSharp;

namespace Recut.Engines.Local.Person.Outfit;

/// <summary>
/// How much each pixel belongs to the garment: full weight within a small Lab distance of any of its shades,
/// fading to none further out. Lightness counts a quarter, so shading folds stay in while a white collar on a
/// navy uniform, a black helmet held against an orange suit or a colourful badge stay out.
/// </summary>
public static class ColourMembership
{
    public const double Inner = 18;
    public const double Outer = 36;
    private const double LightnessWeight = 0.25;
    private const double ShadeChroma = 16;
    private static readonly byte[] Table = BuildTable();

    /// <summary>Whether <paramref name="candidate"/> is the same cloth as <paramref name="main"/> in other light: close chroma.</summary>
    public static bool IsShadeOf(Vec3f candidate, Vec3f main)
    {
        var da = candidate.Item1 - main.Item1;
        var db = candidate.Item2 - main.Item2;
        return (da * da) + (db * db) <= ShadeChroma * ShadeChroma;
    }

    /// <summary>Writes mask × membership (CV_8UC1) into <paramref name="output"/>.</summary>
    public static void Weigh(Mat bgr, Mat mask, ColourFamily colour, Mat lab, Mat output)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(colour);
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(output);
        Cv2.CvtColor(bgr, lab, ColorConversionCodes.BGR2Lab);
        output.Create(mask.Size(), MatType.CV_8UC1);
        var pixels = lab.AsSpan<byte>();
        var selected = mask.AsSpan<byte>();
        var weights = output.AsSpan<byte>();
        var shades = colour.Shades;
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i] == 0)
            {
                weights[i] = 0;
                continue;
            }
            var best = Table.Length - 1;
            for (var s = 0; s < shades.Count; s++)
            {
                var dl = (pixels[3 * i] - shades[s].Item0) * LightnessWeight;
                var da = pixels[(3 * i) + 1] - shades[s].Item1;
                var db = pixels[(3 * i) + 2] - shades[s].Item2;
                best = Math.Min(best, (int)Math.Min((dl * dl) + (da * da) + (db * db), Table.Length - 1));
            }
            weights[i] = (byte)((selected[i] * Table[best]) / 255);
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
