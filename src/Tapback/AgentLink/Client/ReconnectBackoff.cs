using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>
/// Exponential backoff with full jitter: a random wait in [0, min(cap, base × 2^attempt)), so many
/// agents that lost one gateway do not all knock again in the same second.
/// </summary>
internal static class ReconnectBackoff
{
    public static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    /// <summary>The ceiling of the wait before reconnect number <paramref name="attempt"/> (0-based).</summary>
    public static TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // 2^6 s already passes the cap; stop doubling before the shift overflows.
        return attempt >= 6 ? Cap : TimeSpan.FromTicks(Math.Min(Cap.Ticks, Base.Ticks << attempt));
    }

    public static TimeSpan Delay(int attempt, IJitter jitter) =>
        TimeSpan.FromTicks((long)(Ceiling(attempt).Ticks * jitter.NextDouble()));
}
