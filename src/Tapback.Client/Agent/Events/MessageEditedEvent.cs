namespace Tapback.Client;

/// <summary>
/// <c>message.edited</c>: a message was edited (the person's, or the agent's own edit carried out).
/// Replace the text you hold for <see cref="MessageId"/>; never answer it as a new message.
/// </summary>
public sealed record MessageEditedEvent : TapbackEvent
{
    /// <summary>The edited message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>Who sent the message.</summary>
    public string? From { get; init; }

    /// <summary>The new text; absent when the message was unsent since (see <see cref="UnsentAt"/>).</summary>
    public string? Text { get; init; }

    /// <summary>When it was edited.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When it was unsent, if it was after this edit.</summary>
    public DateTimeOffset? UnsentAt { get; init; }
}
