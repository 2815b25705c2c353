namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// How long a failed delivery waits before its next attempt: exponential, about a day in all for the
/// default ten attempts (10 s, 1 min, 5 min, 15 min, 1 h, 2 h, 4 h, 6 h, 10 h ≈ 23.4 h), each
/// stretched or shrunk by up to 20 % so receivers that failed together do not get retried together.
/// </summary>
internal static class WebhookRetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(10),
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(4),
        TimeSpan.FromHours(6),
        TimeSpan.FromHours(10),
    ];

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based); <paramref name="jitter"/> in [0, 1).</summary>
    public static TimeSpan After(int attempt, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var delay = Delays[Math.Min(attempt, Delays.Length) - 1];
        return delay * (0.8 + (0.4 * jitter));
    }
}
