using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments.Downloads;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// Which URLs a subscription may name: absolute http(s), and, unless the operator allows it, a host
/// that resolves only to public addresses. The delivery client checks the address again at connect
/// time, so a name that changes what it resolves to later is still refused.
/// </summary>
internal sealed class WebhookUrlPolicy(IOptions<WebhookOptions> options)
{
    /// <summary>Null when the URL is acceptable, else a sentence saying what is wrong.</summary>
    public async Task<string?> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "'url' is required: the address Tapback POSTs events to.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"'url' must be an absolute http:// or https:// URL; '{url}' is not.";
        }

        if (url.Length > 2048)
        {
            return "'url' must be at most 2048 characters.";
        }

        if (options.Value.AllowPrivateUrls)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"'{uri.Host}' does not resolve to an address.";
        }

        return addresses.Length > 0 && addresses.All(AddressPolicy.IsPublic)
            ? null
            : $"'{uri.Host}' is a loopback, private or otherwise non-public address; an operator may allow those with {WebhookOptions.SectionName}:AllowPrivateUrls = true.";
    }
}
