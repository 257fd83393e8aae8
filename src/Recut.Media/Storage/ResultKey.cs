namespace Recut.Media.Storage;

/// <summary>
/// Result keys are relative paths made of plain segments ("2026-04-03/&lt;uuid&gt;.mp4"). Anything that
/// could step outside the store — "..", absolute paths, backslashes, odd characters — is refused.
/// </summary>
public static class ResultKey
{
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 256 || key[0] == '/' || key[^1] == '/')
        {
            return false;
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment[0] == '.')
            {
                return false;
            }
            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <exception cref="ArgumentException">The key is not a valid result key.</exception>
    public static void Validate(string? key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid result key.", nameof(key));
        }
    }
}
