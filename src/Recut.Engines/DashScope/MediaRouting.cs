using System.Net;
using System.Net.Sockets;

namespace Recut.Engines.DashScope;

/// <summary>
/// Decides which inputs go upstream as their URL and which must be uploaded first: upstream cannot read Recut's
/// own uploads (oss://recut-uploads/…), nor hosts only Recut can reach (loopback, private ranges, bare intranet names).
/// </summary>
public static class MediaRouting
{
    public static bool MustUpload(string url, string mode)
    {
        ArgumentNullException.ThrowIfNull(url);
        switch (mode?.Trim().ToLowerInvariant())
        {
            case "always":
                return true;
            case "never":
                return false;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return true;
        }
        var host = uri.IdnHost;
        if (IPAddress.TryParse(host, out var ip))
        {
            return !IsPublic(ip);
        }
        return !host.Contains('.', StringComparison.Ordinal)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPublic(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return false;
        }
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal);
        }
        var b = ip.GetAddressBytes();
        return !(b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] == 0);
    }
}
