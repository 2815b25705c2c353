using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>
/// A v2 webhook body: flat, one event per request. Fields beyond the documented base ones (<c>sender</c>,
/// the group fields, the reaction fields) are read when present and never required.
/// </summary>
internal sealed record BlooioEvent
{
    [JsonPropertyName("event")]
    public string? Event { get; init; }

    [JsonPropertyName("message_id")]
    public string? MessageId { get; init; }

    /// <summary>The other party: a phone number or email, for a group the chat.</summary>
    [JsonPropertyName("external_id")]
    public string? ExternalId { get; init; }

    /// <summary>Who sent it, in a group the participant; falls back to <see cref="ExternalId"/>.</summary>
    [JsonPropertyName("sender")]
    public string? Sender { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<BlooioAttachment>? Attachments { get; init; }

    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    /// <summary>When Blooio sent the webhook (epoch ms).</summary>
    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; init; }

    [JsonPropertyName("received_at")]
    public long? ReceivedAt { get; init; }

    [JsonPropertyName("sent_at")]
    public long? SentAt { get; init; }

    [JsonPropertyName("delivered_at")]
    public long? DeliveredAt { get; init; }

    [JsonPropertyName("read_at")]
    public long? ReadAt { get; init; }

    [JsonPropertyName("error_code")]
    public JsonElement? ErrorCode { get; init; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("is_group")]
    public bool? IsGroup { get; init; }

    [JsonPropertyName("group_id")]
    public string? GroupId { get; init; }

    [JsonPropertyName("group_name")]
    public string? GroupName { get; init; }

    /// <summary>Ours or theirs, on reactions and listed messages: <c>inbound</c> or <c>outbound</c>.</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    /// <summary>A reaction: <c>love</c>, or with its sign, <c>+love</c> / <c>-love</c>.</summary>
    [JsonPropertyName("reaction")]
    public string? Reaction { get; init; }

    /// <summary>A reaction's action: <c>add</c> or <c>remove</c>.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; init; }
}
