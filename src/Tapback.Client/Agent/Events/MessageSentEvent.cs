namespace Tapback.Client;

/// <summary><c>message.sent</c>: a message the agent asked to send went out.</summary>
public sealed record MessageSentEvent : TapbackEvent
{
    /// <summary>The sent message's id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>The send's <c>clientMessageId</c>.</summary>
    public string? ClientMessageId { get; init; }
}
