namespace Tapback.AgentLink.Rest;

/// <summary>Typing, a read receipt or a tapback, queued in the outbox.</summary>
internal sealed record ActionAccepted
{
    public required string ConversationId { get; init; }

    public required string Status { get; init; }
}
