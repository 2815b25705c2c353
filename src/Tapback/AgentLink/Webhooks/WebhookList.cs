namespace Tapback.AgentLink.Webhooks;

/// <summary><c>GET /v2/webhooks</c>.</summary>
internal sealed record WebhookList(IReadOnlyList<WebhookView> Data);
