using System.Text.Json.Serialization;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// The body of Sendblue's action endpoints (send-message, send-group-message, send-typing-indicator,
/// mark-read, send-reaction); each takes the fields it needs and unset ones are left out.
/// </summary>
internal sealed record SendblueRequest
{
    [JsonPropertyName("number")]
    public string? Number { get; init; }

    [JsonPropertyName("group_id")]
    public string? GroupId { get; init; }

    [JsonPropertyName("from_number")]
    public string? FromNumber { get; init; }

    [JsonPropertyName("content")]
    public string? Content { get; init; }

    [JsonPropertyName("message_handle")]
    public string? MessageHandle { get; init; }

    /// <summary>An effect (expressive message): SendblueEffects' names.</summary>
    [JsonPropertyName("send_style")]
    public string? SendStyle { get; init; }

    [JsonPropertyName("reaction")]
    public string? Reaction { get; init; }
}
