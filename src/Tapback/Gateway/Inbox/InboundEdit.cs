namespace Tapback.Gateway.Inbox;

/// <summary>The person edited a message they had sent (Apple: up to 5 times within 15 minutes).</summary>
internal sealed record InboundEdit
{
    public required string Transport { get; init; }

    /// <summary>The transport's id for this edit (for example the message's guid and its edit time): the dedupe key.</summary>
    public required string EventId { get; init; }

    /// <summary>Tapback's id of the edited message (the transport maps the provider's id).</summary>
    public required string MessageId { get; init; }

    public required string Text { get; init; }
}
