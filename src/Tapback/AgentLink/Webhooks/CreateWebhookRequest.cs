namespace Tapback.AgentLink.Webhooks;

/// <summary><c>POST /v2/webhooks</c>.</summary>
internal sealed record CreateWebhookRequest
{
    public string? Url { get; init; }
    public IReadOnlyList<string>? Events { get; init; }
}
