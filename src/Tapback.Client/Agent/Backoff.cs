namespace Tapback.Client;

/// <summary>
/// Exponential backoff with full jitter: a random wait in [0, min(cap, base × 2^attempt)), so many
/// agents that lost one gateway do not all knock again in the same second.
/// </summary>
internal static class Backoff
{
    /// <summary>The ceiling of the wait before reconnect number <paramref name="attempt"/> (0-based).</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan initial, TimeSpan cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // Stop doubling before the shift overflows: 2^62 ticks is far past any cap.
        return attempt >= 62 || initial.Ticks > cap.Ticks >> attempt ? cap : TimeSpan.FromTicks(initial.Ticks << attempt);
    }

    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan cap, double jitter) =>
        TimeSpan.FromTicks((long)(Ceiling(attempt, initial, cap).Ticks * jitter));
}
