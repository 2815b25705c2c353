using System.Text.Json.Serialization;

namespace Tapback.Agent.Models;

/// <summary>One pulled model in Ollama's <c>GET /api/tags</c>, e.g. <c>llama3.2:latest</c>.</summary>
internal sealed record OllamaTag
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }
}
