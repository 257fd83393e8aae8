using System.Net;
using Recut.Media.Fetching;

namespace Recut.Server.Webhooks;

/// <summary>
/// What can be refused about an endpoint before any delivery: a literal IP address the guard would refuse. Names are
/// resolved and checked on each connection instead, since a DNS answer may change between now and then.
/// </summary>
public static class WebhookTargetCheck
{
    public static string? WhyRefused(string url, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return null;
        }
        return new AddressPolicy(allowPrivate).WhyRefused(address) is { } why
            ? $"The webhook URL points at {address}, {why}, which Recut does not deliver to."
            : null;
    }
}
