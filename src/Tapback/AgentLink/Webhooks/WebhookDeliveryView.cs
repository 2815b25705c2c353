namespace Tapback.AgentLink.Webhooks;

/// <summary>One line of a subscription's delivery log.</summary>
internal sealed record WebhookDeliveryView
{
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }

    /// <summary>The URL the delivery goes (or went) to: its subscription's.</summary>
    public required string Url { get; init; }

    public required string ConversationId { get; init; }
    public string? MessageId { get; init; }

    /// <summary>pending, delivered, dead or cancelled (the subscription was deleted first).</summary>
    public required string Status { get; init; }

    public required int Attempts { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
