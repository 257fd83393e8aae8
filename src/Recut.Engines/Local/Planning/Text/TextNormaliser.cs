using System.Text;

namespace Recut.Engines.Local.Planning.Text;

/// <summary>Full-width ASCII to ASCII, typographic quotes and dashes to plain ones, keeping every position.</summary>
internal static class TextNormaliser
{
    public static string Normalise(string prompt)
    {
        var sb = new StringBuilder(prompt.Length);
        foreach (var ch in prompt)
        {
            sb.Append(ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' or '\r' or '\t' => ' ',
                '\u2018' or '\u2019' or '\u2032' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' => '-',
                _ => ch,
            });
        }
        return sb.ToString();
    }
}
