namespace Tapback.Gateway.Outbox;

/// <summary>Retry policy of the outbox: <c>Tapback:Outbox</c>.</summary>
internal sealed class OutboxOptions
{
    public const string SectionName = "Tapback:Outbox";

    /// <summary>Tries per row before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker holds a conversation's rows before another may take them over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
