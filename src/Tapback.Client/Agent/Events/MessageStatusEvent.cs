using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary><c>message.delivered</c> / <c>message.read</c>: the phone's receipt for an agent message.</summary>
public sealed record MessageStatusEvent : TapbackEvent
{
    /// <summary>The agent's message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ChatId { get; init; }

    /// <summary>True for <c>message.read</c>.</summary>
    [JsonIgnore]
    public bool IsRead => Type == TapbackEventTypes.MessageRead;
}
