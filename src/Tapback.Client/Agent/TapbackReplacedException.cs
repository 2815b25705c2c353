namespace Tapback.Client;

/// <summary>
/// The gateway closed the connection with <c>4000</c>: another connection replaced it, the phone was
/// paired again, the integration was deleted or the API key revoked. The client does not reconnect
/// (the credential would be refused); pair again and start a new client.
/// </summary>
public sealed class TapbackReplacedException : Exception
{
    /// <summary>Creates the exception with the gateway's reason.</summary>
    public TapbackReplacedException(string? reason)
        : base($"The gateway closed this connection with 4000 ({reason ?? "replaced or revoked"}): another connection replaced it or the credential stopped working. Pair again and start a new client.")
    {
        Reason = reason;
    }

    /// <summary>The close reason the gateway gave.</summary>
    public string? Reason { get; }
}
