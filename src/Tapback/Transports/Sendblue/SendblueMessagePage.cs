using System.Text.Json.Serialization;

namespace Tapback.Transports.Sendblue;

/// <summary>What <c>GET /api/v2/messages</c> answers.</summary>
internal sealed record SendblueMessagePage
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("data")]
    public IReadOnlyList<SendblueMessage> Data { get; init; } = [];
}
