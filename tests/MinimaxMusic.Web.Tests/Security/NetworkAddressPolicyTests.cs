using System.Net;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Tests.Security;

public sealed class NetworkAddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("151.101.1.69")]
    [InlineData("9.255.255.255")]          // just below 10/8
    [InlineData("11.0.0.0")]               // just above 10/8
    [InlineData("100.63.255.255")]         // just below CGNAT
    [InlineData("100.128.0.0")]            // just above CGNAT
    [InlineData("126.255.255.255")]        // just below loopback
    [InlineData("128.0.0.1")]              // just above loopback
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.1")]
    [InlineData("172.15.255.255")]         // just below 172.16/12
    [InlineData("172.32.0.0")]             // just above 172.16/12
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("223.255.255.254")]        // last unicast below multicast
    [InlineData("2606:4700::1111")]        // Cloudflare DNS
    [InlineData("2001:4860:4860::8888")]   // Google DNS
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("2400:cb00::1")]
    [InlineData("::ffff:8.8.8.8")]         // IPv4-mapped public
    [InlineData("64:ff9b::808:808")]       // NAT64 of 8.8.8.8
    [InlineData("2002:0808:0808::1")]      // 6to4 of 8.8.8.8
    [InlineData("::8.8.8.8")]              // IPv4-compatible (deprecated), judged by its IPv4 address
    public void IsAllowed_PublicUnicast_IsAllowed(string address) =>
        Assert.True(NetworkAddressPolicy.IsAllowed(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("127.0.0.1")]              // loopback
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]               // private
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("192.168.255.255")]
    [InlineData("169.254.169.254")]        // cloud metadata service
    [InlineData("169.254.0.1")]            // link-local
    [InlineData("100.64.0.1")]             // CGNAT
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]                // unspecified
    [InlineData("0.1.2.3")]                // "this network"
    [InlineData("255.255.255.255")]        // broadcast
    [InlineData("224.0.0.1")]              // multicast
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]              // reserved
    [InlineData("192.0.0.8")]              // IETF protocol assignments
    [InlineData("192.0.2.10")]             // documentation
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.99")]
    [InlineData("198.18.0.1")]             // benchmarking
    [InlineData("192.88.99.1")]            // 6to4 relay anycast
    [InlineData("::")]                     // unspecified
    [InlineData("::1")]                    // loopback
    [InlineData("::ffff:127.0.0.1")]       // IPv4-mapped loopback
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::127.0.0.1")]            // IPv4-compatible loopback
    [InlineData("64:ff9b::7f00:1")]        // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")]     // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::1")]           // local-use NAT64
    [InlineData("2002:7f00:0001::1")]      // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:0101::1")]      // 6to4 of 192.168.1.1
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("2001:db8::1")]            // documentation
    [InlineData("3fff::1")]                // documentation (RFC 9637)
    [InlineData("fc00::1")]                // unique local
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]                // link-local
    [InlineData("fe80::1%2")]
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")]                // site-local
    [InlineData("ff02::1")]                // multicast
    [InlineData("ff05::1:3")]
    [InlineData("100::1")]                 // discard-only
    [InlineData("5f00::1")]                // SRv6 SIDs, outside global unicast
    public void IsAllowed_NonPublicAddresses_AreRefused(string address) =>
        Assert.False(NetworkAddressPolicy.IsAllowed(IPAddress.Parse(address)), address);
}
