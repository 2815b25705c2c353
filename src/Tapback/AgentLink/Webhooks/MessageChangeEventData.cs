namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// <c>data</c> of <c>message.edited</c> / <c>message.unsent</c>: the person changed a message they sent.
/// <see cref="Body"/> is its text when the event is sent (a later edit shows; an unsent one has none).
/// </summary>
internal sealed record MessageChangeEventData
{
    public required string MessageId { get; init; }
    public required string ConversationId { get; init; }
    public required string From { get; init; }

    /// <summary><c>message.edited</c>: the new text.</summary>
    public string? Body { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public DateTimeOffset? UnsentAt { get; init; }
}
