namespace Tapback.Transports.Hosted;

/// <summary>What a request to a hosted provider is, for its error messages and for whether it sends a message.</summary>
internal sealed record HostedCall
{
    /// <summary>The provider's name in messages: "Blooio".</summary>
    public required string Provider { get; init; }

    /// <summary>What the request does, in words: "the send to chat …".</summary>
    public required string What { get; init; }

    /// <summary>The settings to check when the provider refuses the credentials.</summary>
    public required string CredentialSettings { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>True for a request that makes a message: a failure after it left is of unknown outcome.</summary>
    public bool IsSend { get; init; }
}
