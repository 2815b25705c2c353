using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Mcp;

/// <summary><c>lookup_handle</c>: as REST's <c>GET /v2/handles/{handle}</c> answers.</summary>
internal sealed record McpHandleLookup
{
    public required string Handle { get; init; }

    /// <summary>True on iMessage, false SMS only, null when the transport cannot tell; always written, null included.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonPropertyName("imessage")]
    public required bool? IMessage { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }
}
