using System.Net;
using System.Net.Sockets;

namespace Recut.Media.Fetching;

/// <summary>
/// Which IP addresses a user-supplied URL may reach. Every block of the IANA special-purpose registries that is not
/// globally reachable (<see cref="SpecialAddresses"/>) is refused unless <see cref="AllowPrivate"/> is set for tests
/// and local development; so is every IPv6 address outside the global unicast space 2000::/3. Cloud metadata,
/// unspecified, multicast and broadcast addresses are refused always: no legitimate media file lives there, and the
/// metadata service is the prize an SSRF goes for. IPv6 forms that carry an IPv4 address (mapped ::ffff:0:0/96,
/// translated ::ffff:0:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address
/// inside, because that is where a translator or relay would connect.
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

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork V4Translated = IPNetwork.Parse("::ffff:0:0:0/96");

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
        // A scope id (fe80::1%eth0) does not change what the address is; compare without it.
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes());
        }
        if (Metadata.Any(m => m.Equals(address)))
        {
            return ("a cloud metadata address", null);
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Lookup(SpecialAddresses.V4, address);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ("not an IP address", null);
        }
        if (EmbeddedV4(address) is { } inner)
        {
            return Classify(inner);
        }
        var verdict = Lookup(SpecialAddresses.V6, address);
        if (verdict != (null, null) || SpecialAddresses.GlobalUnicastV6.Contains(address))
        {
            return verdict;
        }
        return (null, "a private or reserved address (outside the IPv6 global unicast space)");
    }

    /// <summary>The first block that contains the address decides; the tables list narrower blocks before wider ones.</summary>
    private static (string? Never, string? NonPublic) Lookup(SpecialAddresses.Block[] blocks, IPAddress address)
    {
        foreach (var block in blocks)
        {
            if (block.Network.Contains(address))
            {
                return block.Kind == SpecialAddresses.Kind.Never ? (block.Reason, null) : (null, block.Reason);
            }
        }
        return (null, null);
    }

    /// <summary>The IPv4 address inside a mapped, translated, compatible, NAT64 or 6to4 IPv6 address, if any.</summary>
    private static IPAddress? EmbeddedV4(IPAddress v6)
    {
        if (v6.IsIPv4MappedToIPv6)
        {
            return v6.MapToIPv4();
        }
        var b = v6.GetAddressBytes();
        var compatible = V4Compatible.Contains(v6) && !v6.Equals(IPAddress.IPv6Any) && !v6.Equals(IPAddress.IPv6Loopback);
        if (compatible || V4Translated.Contains(v6) || Nat64.Contains(v6))
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
