using System.Text.Json.Serialization;

namespace Tapback.Agent.Models;

/// <summary>The body of Ollama's <c>GET /api/tags</c>: the models pulled on that machine.</summary>
internal sealed record OllamaTagsResponse
{
    [JsonPropertyName("models")]
    public IReadOnlyList<OllamaTag>? Models { get; init; }
}
