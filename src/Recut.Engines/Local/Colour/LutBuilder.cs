using System.Globalization;
using System.Text;

namespace Recut.Engines.Local.Colour;

/// <summary>
/// Bakes a <see cref="ColourTransform"/> into an Adobe/Resolve .cube 3D LUT (33³ points, red fastest), which ffmpeg
/// applies with <c>lut3d=…:interp=tetrahedral</c>: all colour work inside ffmpeg, none per frame in C#.
/// </summary>
public static class LutBuilder
{
    public const int DefaultSize = 33;

    public static async Task WriteAsync(string path, ColourTransform transform, CancellationToken ct, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        var text = Build(transform, size);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), ct).ConfigureAwait(false);
    }

    public static string Build(ColourTransform transform, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var sb = new StringBuilder(size * size * size * 28);
        sb.Append("TITLE \"Recut look\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"LUT_3D_SIZE {size}\n");
        sb.Append("DOMAIN_MIN 0.0 0.0 0.0\nDOMAIN_MAX 1.0 1.0 1.0\n");
        var step = 1.0 / (size - 1);
        for (var b = 0; b < size; b++)
        {
            for (var g = 0; g < size; g++)
            {
                for (var r = 0; r < size; r++)
                {
                    var (or, og, ob) = transform.Apply(r * step, g * step, b * step);
                    sb.Append(CultureInfo.InvariantCulture, $"{or:0.000000} {og:0.000000} {ob:0.000000}\n");
                }
            }
        }
        return sb.ToString();
    }
}
