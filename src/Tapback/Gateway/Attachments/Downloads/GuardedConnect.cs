using System.Net;
using System.Net.Sockets;

namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>
/// The connect step of the HTTP client for remote URLs. It resolves the host itself and connects only
/// to addresses <see cref="AddressPolicy"/> allows, so the address checked is the address used: a
/// name that resolves to a public address when a URL is validated and to 127.0.0.1 a moment later
/// (DNS rebinding) is still refused, and so is every redirect hop.
/// </summary>
internal static class GuardedConnect
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var resolved = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = resolved.Where(AddressPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new AttachmentDownloadException(
                AttachmentDownloadFailure.AddressNotAllowed,
                $"'{endpoint.Host}' is a loopback, private, link-local or otherwise non-public address, which a URL from a remote transport may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
