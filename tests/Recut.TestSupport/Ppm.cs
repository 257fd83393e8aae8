using System.Text;

namespace Recut.TestSupport;

/// <summary>Parses a binary PPM (P6, maxval 255) into an <see cref="RgbFrame"/>.</summary>
internal static class Ppm
{
    public static RgbFrame Parse(byte[] data)
    {
        var pos = 0;
        var magic = Token(data, ref pos);
        if (magic != "P6")
        {
            throw new FormatException($"expected a P6 PPM, got '{magic}'");
        }
        var width = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(Token(data, ref pos), System.Globalization.CultureInfo.InvariantCulture);
        if (max != 255)
        {
            throw new FormatException($"expected maxval 255, got {max}");
        }
        pos++; // exactly one whitespace byte separates the header from the pixels
        var length = width * height * 3;
        if (data.Length - pos < length)
        {
            throw new FormatException($"PPM truncated: {data.Length - pos} of {length} pixel bytes");
        }
        return new RgbFrame(width, height, data.AsSpan(pos, length).ToArray());
    }

    private static string Token(byte[] data, ref int pos)
    {
        while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#'))
        {
            if (data[pos] == '#')
            {
                while (pos < data.Length && data[pos] != '\n')
                {
                    pos++;
                }
            }
            pos++;
        }
        var start = pos;
        while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
        {
            pos++;
        }
        return Encoding.ASCII.GetString(data, start, pos - start);
    }
}
