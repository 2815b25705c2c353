using Tapback.Messaging;

namespace Tapback.Gateway.Inbox;

/// <summary>A tapback a transport received: someone reacted to a message in a chat.</summary>
internal sealed record InboundReaction
{
    public required string Transport { get; init; }

    public required string EventId { get; init; }

    public required string ChatId { get; init; }

    public required string From { get; init; }

    /// <summary>The id of the message reacted to.</summary>
    public required string MessageId { get; init; }

    public required ReactionType Reaction { get; init; }

    public bool Removed { get; init; }
}
