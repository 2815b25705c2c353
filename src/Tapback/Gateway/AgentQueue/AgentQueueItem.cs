namespace Tapback.Gateway.AgentQueue;

/// <summary>One event waiting for an agent: a message or a tapback, in conversation order.</summary>
internal sealed record AgentQueueItem
{
    public required long Seq { get; init; }
    public required string ConversationId { get; init; }
    public required string Kind { get; init; }
    public string? MessageId { get; init; }
    public long? ReactionId { get; init; }

    /// <summary>When the row was written (epoch ms): for an inbound event, when it was accepted.</summary>
    public long CreatedAt { get; init; }
}
