namespace Tapback.Client;

/// <summary><c>typing.started</c> / <c>typing.stopped</c>.</summary>
public sealed record WebhookTypingEvent : WebhookEvent
{
    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The person.</summary>
    public required string From { get; init; }
}
