namespace Tapback.Transports.Hosted;

/// <summary>The one rule for a hosted provider's API address: absolute, http or https.</summary>
internal static class HostedBaseUrl
{
    public static bool IsValid(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
