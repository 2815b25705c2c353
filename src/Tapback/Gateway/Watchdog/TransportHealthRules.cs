namespace Tapback.Gateway.Watchdog;

/// <summary>
/// The one rule of transitions, without I/O: a check that disagrees with the announced state starts a
/// pending change, which becomes the state only after it has held, check after check, for its bound
/// (<see cref="WatchdogOptions.DegradedAfter"/>, <see cref="WatchdogOptions.RecoveredAfter"/>); a
/// check that agrees again drops it. So a bridge that answers one ping late does not flap, and each
/// transition is announced once.
/// </summary>
internal static class TransportHealthRules
{
    /// <param name="problem">What the check saw: null when the bridge looked well, else why it looks stalled.</param>
    public static (TransportHealth Next, TransportHealthChange? Change) Apply(TransportHealth current, string? problem, DateTimeOffset now, WatchdogOptions options)
    {
        var degraded = current.IsDegraded;
        if (degraded != (problem is null))
        {
            // Agrees with what was announced: nothing pending; a degraded row keeps the latest wording.
            return (current with { Reason = problem, PendingReason = null, PendingSince = null, CheckedAt = now }, null);
        }

        var pendingSince = current.PendingSince ?? now;
        if (now - pendingSince < (degraded ? options.RecoveredAfter : options.DegradedAfter))
        {
            return (current with { PendingReason = problem, PendingSince = pendingSince, CheckedAt = now }, null);
        }

        var next = current with
        {
            State = degraded ? TransportHealthStates.Healthy : TransportHealthStates.Degraded,
            Reason = problem,
            Since = pendingSince,
            DegradedSince = degraded ? current.Since : null,
            PendingReason = null,
            PendingSince = null,
            Version = current.Version + 1,
            CheckedAt = now,
        };
        return (next, next.Announcement());
    }
}
