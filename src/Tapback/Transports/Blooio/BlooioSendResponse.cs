using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>What <c>POST /chats/{chatId}/messages</c> answers (201, or 200 for a repeated idempotency key).</summary>
internal sealed record BlooioSendResponse
{
    [JsonPropertyName("message_id")]
    public string? MessageId { get; init; }

    [JsonPropertyName("message_ids")]
    public IReadOnlyList<string>? MessageIds { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
