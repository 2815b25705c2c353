using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>One message in a chat's history.</summary>
internal sealed record BlooioListedMessage
{
    [JsonPropertyName("message_id")]
    public string? MessageId { get; init; }

    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    [JsonPropertyName("external_id")]
    public string? ExternalId { get; init; }

    [JsonPropertyName("sender")]
    public string? Sender { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<BlooioAttachment>? Attachments { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    [JsonPropertyName("time_sent")]
    public long? TimeSent { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
