namespace Tapback.Client;

/// <summary><c>conversation.resumed</c>: an operator resumed a paused conversation.</summary>
public sealed record WebhookConversationResumedEvent : WebhookEvent
{
    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>When it resumed.</summary>
    public DateTimeOffset ResumedAt { get; init; }
}
