using System.Net;

namespace Recut.Media.Fetching;

/// <summary>
/// The one way Recut opens HTTP connections to addresses a user chose (media URLs, webhook endpoints): every
/// connection resolved once, checked against the <see cref="AddressPolicy"/> and pinned to the checked address
/// (<see cref="PinnedConnector"/>), no proxy, no cookies, no automatic redirects (a caller that follows them does so
/// by hand, through this handler again).
/// </summary>
public static class GuardedHttpHandler
{
    public static SocketsHttpHandler Create(bool allowPrivateAddresses, TimeSpan connectTimeout, IHostResolver? resolver = null)
    {
        var connector = new PinnedConnector(new AddressPolicy(allowPrivateAddresses), resolver ?? DnsHostResolver.Instance, connectTimeout);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false, // a proxy would connect on our behalf and bypass the address policy
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None, // byte caps count what arrives
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = connector.ConnectAsync,
        };
    }
}
