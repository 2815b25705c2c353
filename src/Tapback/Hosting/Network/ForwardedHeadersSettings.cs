namespace Tapback.Hosting.Network;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> Tapback believes:
/// <c>Tapback:ForwardedHeaders</c>. With neither list set, no forwarded header is honoured.
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Tapback:ForwardedHeaders";

    /// <summary>IP addresses of the proxies in front of Tapback, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
