namespace Recut.Protocol.Webhooks;

/// <summary>
/// The syntax a webhook endpoint must have: an absolute http(s) URL with a host, no user info (credentials in a URL
/// end up in logs) and no fragment, at most <see cref="MaxLength"/> characters. Where it may point is the address
/// guard's business, checked on every connection.
/// </summary>
public static class WebhookUrl
{
    /// <summary>Longer than any real callback; keeps a hostile body from storing a megabyte of URL per task.</summary>
    public const int MaxLength = 2048;

    public const string Expected = "an absolute http(s) URL without user info or fragment, at most 2048 characters";

    /// <summary>The URL in canonical form, or null when it is not acceptable.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || text.Length > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || string.IsNullOrEmpty(uri.Host) || uri.Fragment.Length > 0)
        {
            return null;
        }
        return uri.AbsoluteUri;
    }
}
