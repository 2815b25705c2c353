namespace Tapback.Client;

/// <summary>A page of a webhook's delivery log, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next.</summary>
public sealed record WebhookDeliveryPage
{
    /// <summary>The deliveries.</summary>
    public IReadOnlyList<WebhookDelivery> Data { get; init; } = [];

    /// <summary>The cursor of the next page.</summary>
    public string? NextBefore { get; init; }
}
