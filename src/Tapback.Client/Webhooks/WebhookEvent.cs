using System.Text.Json.Serialization;

namespace Tapback.Client;

/// <summary>
/// One webhook delivery's event (<c>{"id", "type", "created_at", "data"}</c>, docs/webhooks.md), with its
/// <c>data</c> typed: match on the derived record (<c>case WebhookMessageEvent message:</c>). Parse one
/// with <see cref="WebhookVerifier.VerifyAndParse(string?, string?, string?, string)"/> or <see cref="WebhookEvents.Parse(string)"/>.
/// </summary>
public abstract record WebhookEvent
{
    /// <summary>The event's id (also the <c>webhook-id</c> header): the same on every attempt, so drop repeats by it.</summary>
    [JsonIgnore]
    public string Id { get; init; } = string.Empty;

    /// <summary>The event's type (<see cref="TapbackEventTypes"/>).</summary>
    [JsonIgnore]
    public string Type { get; init; } = string.Empty;

    /// <summary>When it happened.</summary>
    [JsonIgnore]
    public DateTimeOffset CreatedAt { get; init; }
}
