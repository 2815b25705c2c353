using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary>
/// One thing the agent WebSocket reported: a frame from the gateway (<see cref="Seq"/> set when it is
/// acknowledged) or the client's own <see cref="ConnectedEvent"/> / <see cref="DisconnectedEvent"/>.
/// Match on the derived record (<c>case MessageReceivedEvent message:</c>).
/// </summary>
public abstract record TapbackEvent
{
    /// <summary>The frame's <c>type</c> (<c>message.received</c>, <c>reaction.added</c>, …).</summary>
    [JsonIgnore]
    public string Type { get; init; } = string.Empty;

    /// <summary>The gateway's sequence number; the client acknowledges it once your code took the event.</summary>
    [JsonIgnore]
    public long? Seq { get; init; }
}
