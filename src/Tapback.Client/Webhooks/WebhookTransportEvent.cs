namespace Tapback.Client;

/// <summary><c>transport.degraded</c> (with <see cref="Reason"/>) / <c>transport.recovered</c> (with <see cref="DegradedSince"/>).</summary>
public sealed record WebhookTransportEvent : WebhookEvent
{
    /// <summary>The transport's configured name.</summary>
    public required string Transport { get; init; }

    /// <summary>What the watchdog saw (degraded).</summary>
    public string? Reason { get; init; }

    /// <summary>Since when it is degraded, or works again.</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>When it had become degraded (recovered).</summary>
    public DateTimeOffset? DegradedSince { get; init; }
}
