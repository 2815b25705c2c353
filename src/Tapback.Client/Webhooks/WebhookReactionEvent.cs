namespace Tapback.Client;

/// <summary><c>reaction.added</c> / <c>reaction.removed</c>.</summary>
public sealed record WebhookReactionEvent : WebhookEvent
{
    /// <summary>The message reacted to.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Who reacted.</summary>
    public required string From { get; init; }

    /// <summary>The tapback (<see cref="Reactions"/>).</summary>
    public required string Reaction { get; init; }
}
