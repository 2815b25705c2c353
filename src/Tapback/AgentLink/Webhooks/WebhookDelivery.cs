namespace Tapback.AgentLink.Webhooks;

/// <summary>A claimed delivery with what sending it needs from its subscription.</summary>
internal sealed record WebhookDelivery
{
    public long Seq { get; init; }
    public string Id { get; init; } = string.Empty;
    public string EventId { get; init; } = string.Empty;
    public string SubscriptionId { get; init; } = string.Empty;
    public string Type { get; init; } = string.Empty;
    public string ConversationId { get; init; } = string.Empty;
    public string? MessageId { get; init; }
    public long? ReactionId { get; init; }
    public string? Payload { get; init; }
    public int Attempts { get; init; }
    public long CreatedAt { get; init; }
    public string Url { get; init; } = string.Empty;
    public string Secret { get; init; } = string.Empty;
    public string? PreviousSecret { get; init; }
    public long? PreviousSecretExpiresAt { get; init; }

    /// <summary>The claim that leased it (<see cref="Gateway.Nodes.NodeIdentity.NewLeaseOwner"/>); its marks name it.</summary>
    public string LeaseOwner { get; init; } = string.Empty;
}
