namespace Tapback.AgentLink.Webhooks;

/// <summary><c>data</c> of <c>reaction.added</c> / <c>reaction.removed</c>.</summary>
internal sealed record ReactionEventData
{
    public required string MessageId { get; init; }
    public required string ConversationId { get; init; }
    public required string From { get; init; }

    /// <summary>love, like, dislike, laugh, emphasize, question.</summary>
    public required string Reaction { get; init; }
}
