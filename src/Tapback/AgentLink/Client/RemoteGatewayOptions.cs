namespace Tapback.AgentLink.Client;

/// <summary>
/// <c>Tapback:Agent:Gateway</c>: run the built-in agent against a remote Tapback gateway over the
/// agent WebSocket instead of an in-process transport. Unset <see cref="Url"/> keeps the all-in-one default.
/// </summary>
internal sealed class RemoteGatewayOptions
{
    public const string SectionName = "Tapback:Agent:Gateway";

    /// <summary>The gateway's base address (http or https); the WebSocket is <c>/ws/{phone}</c> below it.</summary>
    public Uri? Url { get; set; }

    /// <summary>A token from <c>POST /auth/exchange</c>; wins over a stored one.</summary>
    public string? Token { get; set; }

    /// <summary>The paired phone number (E.164).</summary>
    public string? Phone { get; set; }

    /// <summary>A 6-digit code from texting <c>/setup</c>, exchanged for a token at the first start.</summary>
    public string? Code { get; set; }

    /// <summary>How long a send waits for the gateway's <c>message.sent</c> before it is retried.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
