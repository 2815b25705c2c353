using System.Text.Json;

namespace Tapback.Client;

/// <summary>An event type this client does not know (a newer Tapback's), with its <c>data</c> as sent.</summary>
public sealed record WebhookUnknownEvent : WebhookEvent
{
    /// <summary>The event's <c>data</c>.</summary>
    public JsonElement Data { get; init; }
}
