namespace Tapback.Gateway.Watchdog;

/// <summary>One watched transport's row of <c>transport_health</c>: what was announced and what is seen now.</summary>
internal sealed record TransportHealth
{
    public required string Transport { get; init; }

    /// <summary><see cref="TransportHealthStates"/>: the state last announced.</summary>
    public required string State { get; init; }

    /// <summary>Why it is degraded, as the latest check words it; null when healthy.</summary>
    public string? Reason { get; init; }

    /// <summary>When the announced state began.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>On a healthy row after a recovery: when the degradation began.</summary>
    public DateTimeOffset? DegradedSince { get; init; }

    /// <summary>A state the checks see but that has not lasted its bound yet (a stall on a healthy row, health on a degraded one).</summary>
    public string? PendingReason { get; init; }

    public DateTimeOffset? PendingSince { get; init; }

    /// <summary>Counts announced transitions; a node tells its sockets of each version it has not told.</summary>
    public long Version { get; init; }

    public string? CanaryMessageId { get; init; }

    public DateTimeOffset? CanarySentAt { get; init; }

    /// <summary>The latest judged canary's verdict; null when it arrived (or none was judged yet).</summary>
    public string? CanaryProblem { get; init; }

    public required DateTimeOffset CheckedAt { get; init; }

    public bool IsDegraded => State == TransportHealthStates.Degraded;

    /// <summary>The row of a transport never checked: healthy since now.</summary>
    public static TransportHealth First(string transport, DateTimeOffset now) =>
        new() { Transport = transport, State = TransportHealthStates.Healthy, Since = now, CheckedAt = now };

    /// <summary>The announcement the row's current state stands for (a recovery only when it follows a degradation).</summary>
    public TransportHealthChange? Announcement() =>
        IsDegraded
            ? TransportHealthChange.Degraded(Transport, Reason ?? string.Empty, Since)
            : DegradedSince is { } degradedSince ? TransportHealthChange.Recovered(Transport, Since, degradedSince) : null;
}
