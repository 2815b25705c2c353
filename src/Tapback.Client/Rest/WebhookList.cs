namespace Tapback.Client;

/// <summary><c>GET /v2/webhooks</c>.</summary>
internal sealed record WebhookList(IReadOnlyList<Webhook> Data);
