using System.Net;

namespace Recut.Media.Fetching;

/// <summary>
/// The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates, as of 2026), as data: every
/// block whose "Globally Reachable" column is not True, plus multicast. <see cref="AddressPolicy"/> refuses them;
/// the blocks that embed an IPv4 address (mapped, translated, compatible, NAT64, 6to4) are not listed here because
/// the policy judges the IPv4 address inside instead.
/// </summary>
internal static class SpecialAddresses
{
    /// <summary>How a block is treated: never fetched from, or only when private fetches are allowed (tests).</summary>
    public enum Kind
    {
        Never,
        NonPublic,
    }

    public sealed record Block(IPNetwork Network, Kind Kind, string Reason)
    {
        public static Block Never(string cidr, string reason) => new(IPNetwork.Parse(cidr), Kind.Never, reason);

        public static Block NonPublic(string cidr, string reason) => new(IPNetwork.Parse(cidr), Kind.NonPublic, reason);
    }

    public static readonly Block[] V4 =
    [
        Block.Never("0.0.0.0/8", "an unspecified (\"this network\") address"),
        Block.Never("224.0.0.0/4", "a multicast address"),
        Block.Never("255.255.255.255/32", "the limited broadcast address"),
        Block.NonPublic("10.0.0.0/8", "a private address"),
        Block.NonPublic("100.64.0.0/10", "a private (shared CGNAT) address"),
        Block.NonPublic("127.0.0.0/8", "a loopback address"),
        Block.NonPublic("169.254.0.0/16", "a private (link-local) address"),
        Block.NonPublic("172.16.0.0/12", "a private address"),
        // 192.0.0.9 and .10 (PCP and TURN anycast) are globally reachable but serve no media: the whole /24 goes.
        Block.NonPublic("192.0.0.0/24", "a private or reserved address (IETF protocol assignments)"),
        Block.NonPublic("192.0.2.0/24", "a private or reserved address (documentation, TEST-NET-1)"),
        Block.NonPublic("192.88.99.0/24", "a private or reserved address (deprecated 6to4 relay anycast)"),
        Block.NonPublic("192.168.0.0/16", "a private address"),
        Block.NonPublic("198.18.0.0/15", "a private or reserved address (benchmarking)"),
        Block.NonPublic("198.51.100.0/24", "a private or reserved address (documentation, TEST-NET-2)"),
        Block.NonPublic("203.0.113.0/24", "a private or reserved address (documentation, TEST-NET-3)"),
        Block.NonPublic("240.0.0.0/4", "a private or reserved address (reserved for future use)"),
    ];

    public static readonly Block[] V6 =
    [
        Block.Never("::/128", "the unspecified address"),
        Block.Never("ff00::/8", "a multicast address"),
        Block.NonPublic("::1/128", "a loopback address"),
        Block.NonPublic("64:ff9b:1::/48", "a private or reserved address (local-use NAT64)"),
        Block.NonPublic("100::/64", "a private or reserved address (discard-only)"),
        Block.NonPublic("100:0:0:1::/64", "a private or reserved address (dummy IPv6 prefix)"),
        // Teredo hides its peer (XOR-obfuscated) inside; the rest of 2001::/23 are protocol assignments (benchmarking,
        // ORCHID, AMT, AS112, anycast, drone ID). A few of those are globally reachable, but none hosts media files.
        Block.NonPublic("2001::/32", "a private or reserved address (Teredo)"),
        Block.NonPublic("2001::/23", "a private or reserved address (IETF protocol assignments)"),
        Block.NonPublic("2001:db8::/32", "a private or reserved address (documentation)"),
        Block.NonPublic("3fff::/20", "a private or reserved address (documentation)"),
        Block.NonPublic("5f00::/16", "a private or reserved address (segment routing SIDs)"),
        Block.NonPublic("fc00::/7", "a private (unique local) address"),
        Block.NonPublic("fe80::/10", "a private (link-local) address"),
        Block.NonPublic("fec0::/10", "a private (deprecated site-local) address"),
    ];

    /// <summary>
    /// IANA's global unicast space. Every IPv6 address outside it that no rule above names (and that embeds no IPv4
    /// address) is reserved by the IPv6 Address Space registry, so nothing there is fetched from either.
    /// </summary>
    public static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
}
