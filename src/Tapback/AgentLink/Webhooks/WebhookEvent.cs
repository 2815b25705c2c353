using System.Text.Json;

namespace Tapback.AgentLink.Webhooks;

/// <summary>The body of every delivery: <c>{"id": "evt_…", "type", "created_at", "data"}</c>.</summary>
internal sealed record WebhookEvent
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required JsonElement Data { get; init; }
}
