namespace Tapback.Gateway.Inbox;

/// <summary>The person unsent a message they had sent (Apple: within 2 minutes).</summary>
internal sealed record InboundUnsend
{
    public required string Transport { get; init; }

    /// <summary>The transport's id for this unsend: the dedupe key.</summary>
    public required string EventId { get; init; }

    /// <summary>Tapback's id of the unsent message (the transport maps the provider's id).</summary>
    public required string MessageId { get; init; }
}
