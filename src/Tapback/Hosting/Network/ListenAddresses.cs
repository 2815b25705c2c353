using System.Net;

namespace Tapback.Hosting.Network;

/// <summary>
/// Which of the server's bound addresses other machines can reach. The one rule behind "is Tapback on
/// the network": <c>localhost</c>, 127.0.0.0/8, <c>::1</c> and a Unix socket are this machine only;
/// anything else (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>, a LAN address, a host name) is not.
/// </summary>
internal static class ListenAddresses
{
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            // An address this rule cannot read is taken as reachable: the safe mistake.
            return false;
        }

        if (parsed.IsUnixPipe || parsed.IsNamedPipe)
        {
            return true;
        }

        return IsLoopbackHost(parsed.Host);
    }

    /// <summary>Whether a host name or address (as in a URL or a Host header, without its port) is this machine's.</summary>
    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host = host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>The addresses of <paramref name="addresses"/> that other machines can reach, in their order.</summary>
    public static IReadOnlyList<string> Reachable(IEnumerable<string> addresses) =>
        [.. addresses.Where(address => !IsLoopback(address))];
}
