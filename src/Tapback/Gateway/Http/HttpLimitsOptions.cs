namespace Tapback.Gateway.Http;

/// <summary>Limits on what one HTTP request may carry and how slowly: <c>Tapback:Http</c>.</summary>
internal sealed class HttpLimitsOptions
{
    public const string SectionName = "Tapback:Http";

    /// <summary>The largest body of a JSON API (REST, MCP, admin, webhooks subscriptions, the simulator's reactions), in bytes.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest body of the unauthenticated sign-ins (<c>/auth/exchange</c>, the dashboard's): a phone
    /// and a code, or a token, fit many times over.
    /// </summary>
    public long MaxSignInBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Kestrel's minimum body data rate, in bytes a second, after <see cref="MinBodyDataRateGracePeriod"/>; 0 turns it off.</summary>
    public double MinBodyDataRate { get; set; } = 240;

    public TimeSpan MinBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
