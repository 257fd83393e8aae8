using System.Text;

namespace Recut.Engines.Local.Rendering;

/// <summary>
/// Escapes text for use as one option value inside an ffmpeg filtergraph string. ffmpeg unescapes twice: once when it
/// splits the graph at <c>[ ] , ;</c> and once when it splits a filter's options at <c>:</c>. So the value is first
/// quoted for the option level ('…', with ' written as '\''), then every <c>\ ' [ ] , ;</c> is backslash-escaped for
/// the graph level. Any path or text, however odd, then reaches the filter unchanged.
/// </summary>
public static class FilterEscaping
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var optionLevel = "'" + value.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
        var sb = new StringBuilder(optionLevel.Length * 2);
        foreach (var ch in optionLevel)
        {
            if (ch is '\\' or '\'' or '[' or ']' or ',' or ';')
            {
                sb.Append('\\');
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
