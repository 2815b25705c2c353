using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary><c>reaction.added</c> / <c>reaction.removed</c>: the person put or took a tapback on a message.</summary>
public sealed record ReactionEvent : TapbackEvent
{
    /// <summary>The message reacted to.</summary>
    public required string MessageId { get; init; }

    /// <summary><c>love</c>, <c>like</c>, <c>dislike</c>, <c>laugh</c>, <c>emphasize</c> or <c>question</c> (<see cref="Reactions"/>).</summary>
    public required string ReactionType { get; init; }

    /// <summary>Who reacted.</summary>
    public required string From { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>True for <c>reaction.removed</c>.</summary>
    [JsonIgnore]
    public bool Removed => Type == TapbackEventTypes.ReactionRemoved;
}
