namespace Tapback.Client;

// Request and answer bodies the REST client's methods hide behind their parameters.

/// <summary><c>PATCH /v2/messages/{id}</c>.</summary>
internal sealed record EditMessageRequest(string Body);

/// <summary><c>POST /v2/messages/{id}/reactions</c>: <c>+love</c> adds, <c>-love</c> removes.</summary>
internal sealed record ReactionRequest(string Reaction);

/// <summary><c>POST /v2/typing</c>.</summary>
internal sealed record TypingRequest(string? To, string? ConversationId, bool Typing);

/// <summary><c>POST /v2/webhooks</c>.</summary>
internal sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> Events);

/// <summary><c>GET /v2/webhooks</c>.</summary>
internal sealed record WebhookList(IReadOnlyList<Webhook> Data);

/// <summary>The answer to a replay.</summary>
internal sealed record ReplayResult(int Replayed);
