namespace Tapback.AgentLink.Webhooks;

/// <summary>The <c>data</c> of a <c>message.held</c> webhook event: the send governor holds a message the agent asked to send.</summary>
internal sealed record HeldEventData
{
    public required string MessageId { get; init; }

    /// <summary>The conversation (conv_…), as <c>chat_id</c> names it in the agent's other calls.</summary>
    public required string ChatId { get; init; }

    /// <summary>The sender's own id of the message, when it gave one.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>unanswered_limit, recipient_rate, new_conversations, outbound_ratio or conversation_paused.</summary>
    public required string Reason { get; init; }

    /// <summary>The limit and its figures, in a sentence.</summary>
    public required string Detail { get; init; }
}
