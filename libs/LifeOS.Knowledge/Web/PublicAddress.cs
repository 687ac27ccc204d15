using System.Net;
using System.Net.Sockets;

namespace LifeOS.Knowledge.Web;

/// <summary>Whether an address is on the public internet: not loopback, private, link-local, unique-local, CGNAT,
/// multicast, documentation, benchmarking or otherwise reserved (the IANA special-purpose registries). IPv6 forms that
/// carry an IPv4 address (mapped, NAT64, 6to4) are judged by the address they carry.</summary>
public static class PublicAddress
{
    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network"; 0.0.0.0 reaches the local host
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), // link-local, where cloud metadata services live
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, and the broadcast address
    ];

    // Only global unicast (2000::/3) can be public; inside it, these are not.
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("2001::/23"), // protocol assignments: Teredo, benchmarking, ORCHID
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("3fff::/20"), // documentation
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return !NonPublicV4.Any(network => network.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        if (address.IsIPv4MappedToIPv6)
            return IsPublic(address.MapToIPv4());
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        if (SixToFour.Contains(address))
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        return GlobalUnicast.Contains(address) && !NonPublicV6.Any(network => network.Contains(address));
    }
}
