using System.Net;
using Recut.Media.Fetching;

namespace Recut.Media.Tests.Fetching;

/// <summary>
/// The IANA IPv4 and IPv6 special-purpose registries, written out here independently of the policy's own table: the
/// first and last address of every non-global block must be refused, and the address just outside must not be
/// (where that neighbour is public), so a block that is too wide or too narrow fails.
/// </summary>
public sealed class SpecialAddressRegistryTests
{
    private static readonly AddressPolicy Strict = new(allowPrivate: false);
    private static readonly AddressPolicy Relaxed = new(allowPrivate: true);

    /// <summary>(first, last) of each block refused unless private fetches are allowed.</summary>
    public static TheoryData<string, string> NonPublicBlocks => new()
    {
        { "10.0.0.0", "10.255.255.255" },
        { "100.64.0.0", "100.127.255.255" },
        { "127.0.0.0", "127.255.255.255" },
        { "169.254.0.0", "169.254.255.255" },
        { "172.16.0.0", "172.31.255.255" },
        { "192.0.0.0", "192.0.0.255" },
        { "192.0.2.0", "192.0.2.255" },
        { "192.88.99.0", "192.88.99.255" },
        { "192.168.0.0", "192.168.255.255" },
        { "198.18.0.0", "198.19.255.255" },
        { "198.51.100.0", "198.51.100.255" },
        { "203.0.113.0", "203.0.113.255" },
        { "240.0.0.0", "255.255.255.254" },
        { "::1", "::1" },
        { "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff" },
        { "100::", "100::ffff:ffff:ffff:ffff" },
        { "100:0:0:1::", "100:0:0:1:ffff:ffff:ffff:ffff" },
        { "2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "2001::1", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff" },       // Teredo
        { "2001:2::", "2001:2:0:ffff:ffff:ffff:ffff:ffff" },         // benchmarking
        { "2001:10::", "2001:1f:ffff:ffff:ffff:ffff:ffff:ffff" },    // ORCHID
        { "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        // outside 2000::/3 and embedding no IPv4 address: reserved by the IPv6 address space registry
        { "1::", "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
        { "4000::", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
    };

    [Theory]
    [MemberData(nameof(NonPublicBlocks))]
    public void Both_ends_of_every_non_global_block_are_refused(string first, string last)
    {
        foreach (var text in new[] { first, last })
        {
            var address = IPAddress.Parse(text);
            Assert.NotNull(Strict.WhyRefused(address));
            Assert.True(Relaxed.IsAllowed(address), $"{text} is reachable with private fetches allowed");
        }
    }

    [Theory]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("192.0.1.0")]
    [InlineData("192.0.3.0")]
    [InlineData("192.88.98.255")]
    [InlineData("192.88.100.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("198.51.99.255")]
    [InlineData("198.51.101.0")]
    [InlineData("203.0.112.255")]
    [InlineData("203.0.114.0")]
    [InlineData("2001:200::")]            // first address past 2001::/23 (WIDE, Japan)
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db9::")]
    [InlineData("2000::1")]
    [InlineData("2400:cb00:2048:1::c629:d7a2")]
    [InlineData("3ffe:ffff::1")]          // just below 3fff::/20
    [InlineData("64:ff9b::8.8.4.4")]      // NAT64 well-known prefix is global: judged by 8.8.4.4
    [InlineData("::ffff:0:8.8.8.8")]      // IPv4-translated (RFC 2765) of a public address
    [InlineData("2002:101:101::")]        // 6to4 of 1.1.1.1
    public void Neighbours_of_the_blocks_are_public(string text)
    {
        Assert.Null(Strict.WhyRefused(IPAddress.Parse(text)));
    }

    /// <summary>Every IPv6 form that carries an IPv4 address is judged as that IPv4 address.</summary>
    [Theory]
    [InlineData("::ffff:0:127.0.0.1", "loopback")]        // IPv4-translated, RFC 2765 (SIIT)
    [InlineData("::ffff:0:10.0.0.1", "private")]
    [InlineData("::ffff:0:192.168.10.1", "private")]
    [InlineData("::ffff:0:100.64.0.1", "private")]
    [InlineData("::ffff:0:7f00:1", "loopback")]           // the same, written in hex
    [InlineData("::ffff:7f00:1", "loopback")]             // IPv4-mapped in hex
    [InlineData("::ffff:198.18.0.1", "benchmarking")]
    [InlineData("::ffff:203.0.113.9", "documentation")]
    [InlineData("::10.0.0.1", "private")]                 // IPv4-compatible (deprecated)
    [InlineData("::0.0.0.2", "unspecified")]
    [InlineData("64:ff9b::127.0.0.1", "loopback")]        // NAT64
    [InlineData("64:ff9b::192.0.0.8", "IETF protocol")]
    [InlineData("64:ff9b::240.0.0.1", "reserved")]
    [InlineData("2002:a9fe:a9fe::", "metadata")]          // 6to4 of 169.254.169.254
    [InlineData("2002:6464:64c8::1", "metadata")]         // 6to4 of 100.100.100.200
    [InlineData("::ffff:0:169.254.169.254", "metadata")]
    [InlineData("64:ff9b::169.254.169.254", "metadata")]
    [InlineData("2002:e000:0001::", "multicast")]         // 6to4 of 224.0.0.1
    [InlineData("::ffff:0:255.255.255.255", "broadcast")]
    public void Embedded_ipv4_is_judged_as_ipv4(string text, string reason)
    {
        var refusal = Strict.WhyRefused(IPAddress.Parse(text));
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }

    [Theory]
    [InlineData("::ffff:0:0.0.0.0")]
    [InlineData("::ffff:0:224.0.0.251")]
    [InlineData("64:ff9b::255.255.255.255")]
    [InlineData("2002:ffff:ffff::")]
    [InlineData("ff05::1:3")]
    [InlineData("::ffff:0:169.254.170.2")]
    public void Always_refused_forms_stay_refused_with_private_allowed(string text)
    {
        Assert.False(Relaxed.IsAllowed(IPAddress.Parse(text)));
    }

    [Fact]
    public void A_scope_id_does_not_hide_a_link_local_address()
    {
        var scoped = IPAddress.Parse("fe80::1%2");
        Assert.Contains("link-local", Strict.WhyRefused(scoped));
    }
}
