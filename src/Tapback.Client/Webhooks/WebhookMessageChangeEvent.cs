namespace Tapback.Client;

/// <summary><c>message.edited</c> / <c>message.unsent</c>: the person changed a message they sent.</summary>
public sealed record WebhookMessageChangeEvent : WebhookEvent
{
    /// <summary>The message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The person.</summary>
    public required string From { get; init; }

    /// <summary>The new text (<c>message.edited</c>, unless unsent since).</summary>
    public string? Body { get; init; }

    /// <summary>When it was edited.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>When it was unsent.</summary>
    public DateTimeOffset? UnsentAt { get; init; }
}
