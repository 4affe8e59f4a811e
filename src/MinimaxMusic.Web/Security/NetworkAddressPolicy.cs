using System.Net;
using System.Net.Sockets;

namespace MinimaxMusic.Web.Security;

/// <summary>
/// Which addresses the server may connect to on a user's behalf: public unicast only. Everything that
/// reaches the host itself, its private networks, the cloud metadata service or more than one machine is
/// refused, including IPv6 forms that carry an IPv4 address inside them.
/// </summary>
internal static class NetworkAddressPolicy
{
    // IPv4 blocks that are not public unicast (IANA special-purpose registry, plus multicast and reserved).
    private static readonly (uint Network, int PrefixLength)[] RefusedIPv4 =
    [
        (V4(0, 0, 0, 0), 8),         // "this network", incl. 0.0.0.0
        (V4(10, 0, 0, 0), 8),        // private
        (V4(100, 64, 0, 0), 10),     // carrier-grade NAT
        (V4(127, 0, 0, 0), 8),       // loopback
        (V4(169, 254, 0, 0), 16),    // link-local, incl. the cloud metadata service 169.254.169.254
        (V4(172, 16, 0, 0), 12),     // private
        (V4(192, 0, 0, 0), 24),      // IETF protocol assignments
        (V4(192, 0, 2, 0), 24),      // documentation (TEST-NET-1)
        (V4(192, 88, 99, 0), 24),    // 6to4 relay anycast
        (V4(192, 168, 0, 0), 16),    // private
        (V4(198, 18, 0, 0), 15),     // benchmarking
        (V4(198, 51, 100, 0), 24),   // documentation (TEST-NET-2)
        (V4(203, 0, 113, 0), 24),    // documentation (TEST-NET-3)
        (V4(224, 0, 0, 0), 4),       // multicast
        (V4(240, 0, 0, 0), 4),       // reserved, incl. broadcast 255.255.255.255
    ];

    public static bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsAllowedIPv4(ToUInt32(address.GetAddressBytes())),
            AddressFamily.InterNetworkV6 => IsAllowedIPv6(address.GetAddressBytes()),
            _ => false,
        };
    }

    private static bool IsAllowedIPv4(uint address)
    {
        foreach (var (network, prefixLength) in RefusedIPv4)
        {
            var mask = uint.MaxValue << (32 - prefixLength);
            if ((address & mask) == network)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowedIPv6(byte[] bytes)
    {
        // ::/96 holds ::, ::1 and the deprecated IPv4-compatible form; ::ffff:0:0/96 is IPv4-mapped
        // (a socket connects to the IPv4 address); 64:ff9b::/96 is NAT64, which a gateway translates
        // to the embedded IPv4 address. All are judged by that IPv4 address.
        if (StartsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsAllowedIPv4(ToUInt32(bytes.AsSpan(12)));
        }

        if (StartsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])
            || StartsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsAllowedIPv4(ToUInt32(bytes.AsSpan(12)));
        }

        // 6to4 (2002::/16) carries the IPv4 address of its relay in bytes 2-5.
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsAllowedIPv4(ToUInt32(bytes.AsSpan(2)));
        }

        // Only global unicast (2000::/3) is public. That alone refuses ULA fc00::/7, link-local fe80::/10,
        // site-local fec0::/10, multicast ff00::/8, discard-only 100::/64 and local NAT64 64:ff9b:1::/48.
        if ((bytes[0] & 0xe0) != 0x20)
        {
            return false;
        }

        // Inside 2000::/3: 2001::/23 holds Teredo (2001::/32, whose embedded address is obfuscated) and
        // other protocol assignments; 2001:db8::/32 and 3fff::/20 are documentation.
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] <= 0x01)
        {
            return false;
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
        {
            return false;
        }

        return !(bytes[0] == 0x3f && bytes[1] == 0xff && bytes[2] <= 0x0f);
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> prefix) => bytes.AsSpan().StartsWith(prefix);

    private static uint ToUInt32(ReadOnlySpan<byte> bytes) =>
        ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];

    private static uint V4(byte a, byte b, byte c, byte d) => ToUInt32([a, b, c, d]);
}
