using System.Text.Json.Serialization;

namespace Tapback.Transports.Sendblue;

/// <summary>The answer of <c>GET /api/evaluate-service?number=…</c>: <c>service</c> is <c>iMessage</c> or <c>SMS</c>.</summary>
internal sealed record SendblueLookup
{
    [JsonPropertyName("number")]
    public string? Number { get; init; }

    [JsonPropertyName("service")]
    public string? Service { get; init; }
}
