using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>What <c>GET /chats/{chatId}/messages</c> answers: a page of the chat's messages.</summary>
internal sealed record BlooioMessagePage
{
    [JsonPropertyName("chat_id")]
    public string? ChatId { get; init; }

    [JsonPropertyName("messages")]
    public IReadOnlyList<BlooioListedMessage> Messages { get; init; } = [];
}
