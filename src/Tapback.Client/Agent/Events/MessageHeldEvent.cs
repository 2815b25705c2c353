namespace Tapback.Client;

/// <summary>
/// <c>message.held</c>: the send governor holds a message the agent asked to send. It goes later
/// (released by the person's next message, by its time, or by an operator) or fails.
/// </summary>
public sealed record MessageHeldEvent : TapbackEvent
{
    /// <summary>The held message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>The send's <c>clientMessageId</c>.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary><c>unanswered_limit</c>, <c>recipient_rate</c>, <c>new_conversations</c>, <c>outbound_ratio</c> or <c>conversation_paused</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The governor's sentence about it.</summary>
    public string? Detail { get; init; }
}
