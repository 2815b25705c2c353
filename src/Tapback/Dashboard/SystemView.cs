namespace Tapback.Dashboard;

/// <summary>What this Tapback node runs: version, store, model, transports, health and recent errors.</summary>
internal sealed record SystemView
{
    public required string Version { get; init; }
    public required string Store { get; init; }
    public required ModelView Model { get; init; }
    public required string Health { get; init; }
    public required IReadOnlyList<HealthEntry> HealthChecks { get; init; }
    public required IReadOnlyList<TransportView> Transports { get; init; }
    public required IReadOnlyList<RecentError> Errors { get; init; }
}
