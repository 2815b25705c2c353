using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Rest;

/// <summary><c>GET /v2/handles/{handle}</c> and MCP's <c>lookup_handle</c>: whether the handle is on iMessage, and when the transport was asked.</summary>
internal sealed record HandleLookupDto
{
    public required string Handle { get; init; }

    /// <summary>True on iMessage, false SMS only, null when the transport cannot tell; always written, null included.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonPropertyName("imessage")]
    public required bool? IMessage { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    public static HandleLookupDto Of(Gateway.Actions.HandleAnswer answer) => new() { Handle = answer.Handle, IMessage = answer.IMessage, CheckedAt = answer.CheckedAt };
}
