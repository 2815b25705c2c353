namespace Tapback.Client;

/// <summary><c>message.held</c>: the send governor holds a message the agent asked to send.</summary>
public sealed record WebhookMessageHeldEvent : WebhookEvent
{
    /// <summary>The held message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>The send's key.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary><c>unanswered_limit</c>, <c>recipient_rate</c>, <c>new_conversations</c>, <c>outbound_ratio</c> or <c>conversation_paused</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The governor's sentence.</summary>
    public string? Detail { get; init; }
}
