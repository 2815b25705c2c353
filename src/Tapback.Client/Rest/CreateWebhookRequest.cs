namespace Tapback.Client;

/// <summary><c>POST /v2/webhooks</c>.</summary>
internal sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> Events);
