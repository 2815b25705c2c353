namespace Tapback.Gateway.AgentQueue;

/// <summary>One pending row of a link's queue, as a connected agent receives it.</summary>
internal sealed record LinkEvent
{
    public required long Seq { get; init; }
    public required string ConversationId { get; init; }
    public required string Kind { get; init; }
    public string? MessageId { get; init; }
    public long? ReactionId { get; init; }
    public string? Payload { get; init; }

    /// <summary>When the row was written (epoch ms): for an inbound event, when it was accepted.</summary>
    public long CreatedAt { get; init; }
}
