using System.Net;
using System.Net.Sockets;

namespace Recut.Media.Fetching;

/// <summary>
/// Which IP addresses a user-supplied URL may reach. Non-public ranges (loopback, private, link-local,
/// CGNAT, ULA, documentation, reserved) are refused unless <see cref="AllowPrivate"/> is set for tests and
/// local development. Cloud metadata, unspecified, multicast and broadcast addresses are refused always:
/// no legitimate media file lives there, and the metadata service is the prize an SSRF goes for.
/// IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses are judged by the IPv4 address inside.
/// </summary>
public sealed class AddressPolicy(bool allowPrivate)
{
    private static readonly IPAddress[] Metadata =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure, Alibaba (100.100.100.200 is below)
        IPAddress.Parse("169.254.170.2"),   // AWS ECS task metadata
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud metadata
        IPAddress.Parse("fd00:ec2::254"),   // AWS IMDS over IPv6
    ];

    private static readonly IPNetwork[] NeverV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("255.255.255.255/32"),
    ];

    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    private static readonly IPNetwork[] NeverV6 =
    [
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b:1::/48"), // local-use NAT64
        IPNetwork.Parse("100::/64"),       // discard
        IPNetwork.Parse("2001::/32"),      // Teredo: the peer is hidden inside, refuse it outright
        IPNetwork.Parse("2001:2::/48"),    // benchmarking
        IPNetwork.Parse("2001:10::/28"),   // ORCHID
        IPNetwork.Parse("2001:20::/28"),   // ORCHIDv2
        IPNetwork.Parse("2001:db8::/32"),  // documentation
        IPNetwork.Parse("3fff::/20"),      // documentation (RFC 9637)
        IPNetwork.Parse("fc00::/7"),       // unique local
        IPNetwork.Parse("fe80::/10"),      // link-local
        IPNetwork.Parse("fec0::/10"),      // site-local (deprecated)
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");

    public bool AllowPrivate { get; } = allowPrivate;

    public bool IsAllowed(IPAddress address) => WhyRefused(address) is null;

    /// <summary>Null when <paramref name="address"/> may be fetched from, else a short reason ("a loopback address").</summary>
    public string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (never, nonPublic) = Classify(address);
        return never ?? (AllowPrivate ? null : nonPublic);
    }

    /// <summary>(always-refused reason, non-public reason) — both null for a public unicast address.</summary>
    private static (string? Never, string? NonPublic) Classify(IPAddress address)
    {
        if (Metadata.Any(m => m.Equals(address)))
        {
            return ("a cloud metadata address", null);
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ("not an IP address", null);
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }
        if (EmbeddedV4(address) is { } inner)
        {
            return Classify(inner);
        }
        if (NeverV6.Any(n => n.Contains(address)))
        {
            return (address.Equals(IPAddress.IPv6Any) ? "the unspecified address" : "a multicast address", null);
        }
        if (NonPublicV6.Any(n => n.Contains(address)))
        {
            return (null, address.Equals(IPAddress.IPv6Loopback) ? "a loopback address" : "a private or reserved address");
        }
        return (null, null);
    }

    private static (string? Never, string? NonPublic) ClassifyV4(IPAddress address)
    {
        if (NeverV4.Any(n => n.Contains(address)))
        {
            return ("an unspecified, multicast or broadcast address", null);
        }
        var first = address.GetAddressBytes()[0];
        if (first == 127)
        {
            return (null, "a loopback address");
        }
        return NonPublicV4.Any(n => n.Contains(address)) ? (null, "a private or reserved address") : (null, null);
    }

    /// <summary>The IPv4 address inside a NAT64, 6to4 or IPv4-compatible IPv6 address, if any.</summary>
    private static IPAddress? EmbeddedV4(IPAddress v6)
    {
        var b = v6.GetAddressBytes();
        if (Nat64.Contains(v6) || (V4Compatible.Contains(v6) && !v6.Equals(IPAddress.IPv6Any) && !v6.Equals(IPAddress.IPv6Loopback)))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }
        if (SixToFour.Contains(v6))
        {
            return new IPAddress(b.AsSpan(2, 4));
        }
        return null;
    }
}
