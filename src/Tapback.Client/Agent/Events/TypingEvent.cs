using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary><c>typing.started</c> / <c>typing.stopped</c>: the person's typing indicator in a one-to-one chat.</summary>
public sealed record TypingEvent : TapbackEvent
{
    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>When it changed: one long past is stale.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>True for <c>typing.started</c>.</summary>
    [JsonIgnore]
    public bool IsTyping => Type == TapbackEventTypes.TypingStarted;
}
