namespace Tapback.AgentLink.Webhooks;

/// <summary><c>GET /v2/webhooks/{id}/deliveries</c>: newest first; <see cref="NextBefore"/> pages on.</summary>
internal sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryView> Data, string? NextBefore);
