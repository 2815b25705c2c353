using System.Net;
using System.Net.Sockets;

namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>
/// Which IP addresses a URL from a remote source may reach: public unicast only. Loopback, private
/// (RFC 1918, unique-local), shared (carrier-grade NAT), link-local (which holds cloud metadata
/// services at 169.254.169.254), multicast, documentation and reserved ranges are refused, also
/// when written inside an IPv6 address (IPv4-mapped, NAT64, 6to4).
/// </summary>
internal static class AddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] a) => !(
        a[0] == 0                                           // "this network"
        || a[0] == 10                                       // private
        || (a[0] == 100 && (a[1] & 0xC0) == 64)             // 100.64/10 shared address space
        || a[0] == 127                                      // loopback
        || (a[0] == 169 && a[1] == 254)                     // link-local, cloud metadata
        || (a[0] == 172 && (a[1] & 0xF0) == 16)             // private
        || (a[0] == 192 && a[1] == 0 && a[2] is 0 or 2)     // IETF protocol assignments, TEST-NET-1
        || (a[0] == 192 && a[1] == 168)                     // private
        || (a[0] == 198 && (a[1] & 0xFE) == 18)             // benchmarking
        || (a[0] == 198 && a[1] == 51 && a[2] == 100)       // TEST-NET-2
        || (a[0] == 203 && a[1] == 0 && a[2] == 113)        // TEST-NET-3
        || a[0] >= 224);                                    // multicast, reserved, broadcast

    private static bool IsPublicV6(byte[] a)
    {
        // ::/96 holds the unspecified address, loopback and the old IPv4-compatible form.
        if (a.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that decides.
        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && a.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(a[12..16]);
        }

        if (a[0] == 0x20 && a[1] == 0x02)
        {
            return IsPublicV4(a[2..6]);
        }

        return !(
            (a[0] & 0xFE) == 0xFC                                   // fc00::/7 unique-local
            || (a[0] == 0xFE && (a[1] & 0xC0) is 0x80 or 0xC0)      // fe80::/10 link-local, fec0::/10 site-local
            || a[0] == 0xFF                                         // multicast
            || (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8) // documentation
            || (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && a[3] == 0x00)); // Teredo tunnels
    }
}
