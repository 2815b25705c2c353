namespace Tapback.AgentLink.Webhooks;

/// <summary>How an integration's webhooks reach its agent: how many, the last delivery, the last failed attempt.</summary>
internal sealed record WebhookHealth
{
    public required long Webhooks { get; init; }

    public DateTimeOffset? LastDeliveredAt { get; init; }

    /// <summary>The last attempt that failed (retried or given up), if any.</summary>
    public DateTimeOffset? LastFailedAt { get; init; }

    /// <summary>Why that attempt failed, as the delivery log says.</summary>
    public string? LastError { get; init; }

    /// <summary>The newest attempt failed: nothing was delivered since.</summary>
    public bool Failing => LastFailedAt is { } failed && (LastDeliveredAt is not { } delivered || failed > delivered);
}
