using System.Text.Json;

namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>A webhook: <c>{type, data}</c>, unsigned.</summary>
internal sealed record BlueBubblesEvent
{
    public string? Type { get; init; }

    public JsonElement? Data { get; init; }
}
