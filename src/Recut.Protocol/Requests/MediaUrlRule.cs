namespace Recut.Protocol.Requests;

/// <summary>
/// The scheme rule for media urls (API.md §2): <c>http</c>, <c>https</c> or <c>oss://bucket/key</c>. This is only the
/// shape check at submission; whether the address may be fetched (private ranges, redirects…) is the fetcher's job.
/// </summary>
public static class MediaUrlRule
{
    public const int MaxLength = 4096;
    public static readonly IReadOnlyList<string> AllowedSchemes = ["http", "https", "oss"];

    /// <summary>Null when <paramref name="url"/> is acceptable, else the reason, naming <paramref name="field"/>.</summary>
    public static string? Check(string url, string field)
    {
        ArgumentNullException.ThrowIfNull(url);
        var allowed = string.Join(", ", AllowedSchemes);
        if (url.Length > MaxLength)
        {
            return $"{field} is longer than {MaxLength} characters";
        }
        // The scheme is read by hand first: on Unix, Uri takes "/some/path" for an absolute file:// url.
        var scheme = SchemeOf(url);
        if (scheme is null)
        {
            return $"{field} is not an absolute url; allowed schemes: {allowed}";
        }
        if (!AllowedSchemes.Contains(scheme))
        {
            return $"{field} uses the unsupported scheme '{scheme}'; allowed schemes: {allowed}";
        }
        if (string.CompareOrdinal(url, scheme.Length, "://", 0, 3) != 0 ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"{field} is not a valid {scheme} url";
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            return $"{field} has no host; expected {(uri.Scheme == "oss" ? "oss://bucket/key" : "http(s)://host/path")}";
        }
        if (uri.Scheme == "oss" && uri.AbsolutePath.Length <= 1)
        {
            return $"{field} names no object; expected oss://bucket/key";
        }
        return null;
    }

    public static bool IsOss(string url) => url.StartsWith("oss://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The scheme-looking prefix of a string that <see cref="Uri"/> would not parse ("ftp", "data"…), or null.</summary>
    private static string? SchemeOf(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0]))
        {
            return null;
        }
        for (var i = 1; i < colon; i++)
        {
            var c = url[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return null;
            }
        }
        return url[..colon].ToLowerInvariant();
    }
}
