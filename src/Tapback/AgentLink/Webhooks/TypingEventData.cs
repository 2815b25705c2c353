namespace Tapback.AgentLink.Webhooks;

/// <summary><c>data</c> of <c>typing.started</c> / <c>typing.stopped</c>: the person's typing indicator in a one-to-one chat.</summary>
internal sealed record TypingEventData
{
    public required string ConversationId { get; init; }

    /// <summary>The person typing (the conversation's handle).</summary>
    public required string From { get; init; }
}
