namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// <c>data</c> of <c>transport.degraded</c> <c>{transport, reason, since}</c> and <c>transport.recovered</c>
/// <c>{transport, since, degraded_since}</c>: the bridge watchdog's news of a transport (docs/governor.md).
/// </summary>
internal sealed record TransportEventData
{
    public required string Transport { get; init; }

    /// <summary>Why the transport looks stalled (degraded only).</summary>
    public string? Reason { get; init; }

    /// <summary>When the degradation began, or when the transport was first seen working again.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When the degradation recovered from began (recovered only).</summary>
    public DateTimeOffset? DegradedSince { get; init; }
}
