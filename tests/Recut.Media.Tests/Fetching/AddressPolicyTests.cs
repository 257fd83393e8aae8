using System.Net;
using Recut.Media.Fetching;

namespace Recut.Media.Tests.Fetching;

public sealed class AddressPolicyTests
{
    private static readonly AddressPolicy Strict = new(allowPrivate: false);
    private static readonly AddressPolicy Relaxed = new(allowPrivate: true);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("47.88.1.1")]
    [InlineData("100.63.255.255")]  // just below CGNAT
    [InlineData("100.128.0.0")]     // just above CGNAT
    [InlineData("172.15.255.255")]  // just below 172.16/12
    [InlineData("172.32.0.0")]      // just above
    [InlineData("192.169.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("223.255.255.255")] // last unicast before multicast
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("::ffff:8.8.8.8")]  // IPv4-mapped public
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:0808:0808::1")] // 6to4 of 8.8.8.8
    public void Public_addresses_are_allowed(string ip)
    {
        Assert.Null(Strict.WhyRefused(IPAddress.Parse(ip)));
        Assert.True(Relaxed.IsAllowed(IPAddress.Parse(ip)));
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "private")]      // CGNAT
    [InlineData("100.127.255.255", "private")]
    [InlineData("169.254.1.1", "private")]     // link-local
    [InlineData("192.0.2.10", "private")]      // documentation
    [InlineData("198.18.0.1", "private")]      // benchmarking
    [InlineData("240.0.0.1", "private")]       // reserved
    [InlineData("::1", "loopback")]
    [InlineData("fc00::1", "private")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("fe80::1", "private")]
    [InlineData("fec0::1", "private")]
    [InlineData("2001:db8::1", "private")]
    [InlineData("2001:0:4136:e378::1", "private")] // Teredo
    [InlineData("::ffff:127.0.0.1", "loopback")]   // IPv4-mapped
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::ffff:192.168.0.1", "private")]
    [InlineData("::127.0.0.1", "loopback")]        // IPv4-compatible
    [InlineData("64:ff9b::a00:1", "private")]      // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::7f00:1", "loopback")]    // NAT64 of 127.0.0.1
    [InlineData("2002:7f00:0001::1", "loopback")]  // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:0101::1", "private")]   // 6to4 of 192.168.1.1
    public void Non_public_addresses_are_refused_unless_private_is_allowed(string ip, string reason)
    {
        var address = IPAddress.Parse(ip);
        Assert.Contains(reason, Strict.WhyRefused(address));
        Assert.False(Strict.IsAllowed(address));
        Assert.True(Relaxed.IsAllowed(address));
    }

    [Theory]
    [InlineData("169.254.169.254", "metadata")]
    [InlineData("::ffff:169.254.169.254", "metadata")]
    [InlineData("100.100.100.200", "metadata")]
    [InlineData("fd00:ec2::254", "metadata")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    public void Metadata_unspecified_and_multicast_are_refused_even_when_private_is_allowed(string ip, string reason)
    {
        var address = IPAddress.Parse(ip);
        Assert.Contains(reason, Relaxed.WhyRefused(address));
        Assert.False(Strict.IsAllowed(address));
    }
}
