namespace Tapback.Gateway.Conversations;

/// <summary>A message as stored: inbound from a person, or outbound from an agent.</summary>
internal sealed record StoredMessage
{
    public required long Seq { get; init; }
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string Direction { get; init; }
    public required string Sender { get; init; }
    public required string Body { get; init; }
    public required string State { get; init; }
    public required long CreatedAt { get; init; }

    /// <summary>The message this one replies to, if any.</summary>
    public string? ReplyTo { get; init; }

    public bool IsInbound => Direction == MessageDirections.Inbound;
}
