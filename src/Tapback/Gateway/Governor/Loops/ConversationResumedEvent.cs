namespace Tapback.Gateway.Governor.Loops;

/// <summary><c>conversation.resumed</c>, stored and rendered as <see cref="ConversationPausedEvent"/> is.</summary>
internal sealed record ConversationResumedEvent
{
    public required string ChatId { get; init; }

    public required DateTimeOffset ResumedAt { get; init; }
}
