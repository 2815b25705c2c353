namespace Tapback.Dashboard;

/// <summary>A webhook subscription across integrations, with its delivery counts.</summary>
internal sealed record WebhookOverview
{
    public required string Id { get; init; }
    public required string IntegrationId { get; init; }
    public required string IntegrationName { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> Events { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required long Pending { get; init; }
    public required long Delivered { get; init; }
    public required long Dead { get; init; }
}
