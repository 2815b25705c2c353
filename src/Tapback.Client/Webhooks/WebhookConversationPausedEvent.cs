namespace Tapback.Client;

/// <summary><c>conversation.paused</c>: the loop breaker paused the agent in a conversation.</summary>
public sealed record WebhookConversationPausedEvent : WebhookEvent
{
    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary><c>loop_suspected</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>What it saw.</summary>
    public LoopEvidence? Evidence { get; init; }

    /// <summary>When it paused.</summary>
    public DateTimeOffset PausedAt { get; init; }
}
