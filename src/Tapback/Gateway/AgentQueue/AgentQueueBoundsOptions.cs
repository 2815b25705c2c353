namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// How much an integration's queue keeps for an agent that is away: <c>Tapback:Gateway:Queue</c>.
/// What falls off is counted on the integration and logged, never dropped silently.
/// </summary>
internal sealed class AgentQueueBoundsOptions
{
    public const string SectionName = "Tapback:Gateway:Queue";

    /// <summary>Events older than this are dropped.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Events beyond this many per integration are dropped, oldest first.</summary>
    public int MaxEvents { get; set; } = 10_000;

    /// <summary>How often the bounds are applied.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
