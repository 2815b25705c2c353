namespace Tapback.AgentLink.Webhooks;

/// <summary>A subscription as the API shows it; <see cref="Secret"/> only in the answers that made it.</summary>
internal sealed record WebhookView
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Secret { get; init; }
}
