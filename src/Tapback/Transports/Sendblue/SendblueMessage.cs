using System.Text.Json.Serialization;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// A Sendblue message, as webhooks, status callbacks, the send answer and the message list all write it.
/// </summary>
internal sealed record SendblueMessage
{
    [JsonPropertyName("message_handle")]
    public string? MessageHandle { get; init; }

    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("is_outbound")]
    public bool? IsOutbound { get; init; }

    /// <summary>RECEIVED for inbound; QUEUED, SENT, DELIVERED, READ, ERROR … for ours.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("error_detail")]
    public string? ErrorDetail { get; init; }

    [JsonPropertyName("date_sent")]
    public DateTimeOffset? DateSent { get; init; }

    [JsonPropertyName("date_updated")]
    public DateTimeOffset? DateUpdated { get; init; }

    [JsonPropertyName("from_number")]
    public string? FromNumber { get; init; }

    /// <summary>The other party: the sender of an inbound message, the recipient of ours.</summary>
    [JsonPropertyName("number")]
    public string? Number { get; init; }

    [JsonPropertyName("to_number")]
    public string? ToNumber { get; init; }

    [JsonPropertyName("sendblue_number")]
    public string? SendblueNumber { get; init; }

    [JsonPropertyName("media_url")]
    public string? MediaUrl { get; init; }

    [JsonPropertyName("message_type")]
    public string? MessageType { get; init; }

    [JsonPropertyName("group_id")]
    public string? GroupId { get; init; }

    /// <summary>The effect the sender chose (SendblueEffects' names); empty for none.</summary>
    [JsonPropertyName("send_style")]
    public string? SendStyle { get; init; }

    /// <summary><c>iMessage</c> or <c>SMS</c> (the receive webhook's field).</summary>
    [JsonPropertyName("service")]
    public string? Service { get; init; }

    [JsonPropertyName("group_display_name")]
    public string? GroupDisplayName { get; init; }
}
