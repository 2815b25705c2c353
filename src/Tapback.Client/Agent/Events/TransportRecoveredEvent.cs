namespace Tapback.Client;

/// <summary><c>transport.recovered</c>: a degraded transport works again.</summary>
public sealed record TransportRecoveredEvent : TapbackEvent
{
    /// <summary>The transport's configured name.</summary>
    public required string Transport { get; init; }

    /// <summary>Since when it works.</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>When it had become degraded.</summary>
    public DateTimeOffset DegradedSince { get; init; }
}
