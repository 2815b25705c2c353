namespace Tapback.Client;

/// <summary><c>transport.degraded</c>: a bridge to iMessage (BlueBubbles, a Mac) looks stalled; sends may wait.</summary>
public sealed record TransportDegradedEvent : TapbackEvent
{
    /// <summary>The transport's configured name.</summary>
    public required string Transport { get; init; }

    /// <summary>What the watchdog saw.</summary>
    public required string Reason { get; init; }

    /// <summary>Since when.</summary>
    public DateTimeOffset Since { get; init; }
}
