namespace Tapback.Client;

/// <summary><c>message.unsent</c>: a message was taken back; forget its text and files.</summary>
public sealed record MessageUnsentEvent : TapbackEvent
{
    /// <summary>The unsent message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>Who sent the message.</summary>
    public string? From { get; init; }

    /// <summary>When it was unsent.</summary>
    public DateTimeOffset? UnsentAt { get; init; }
}
