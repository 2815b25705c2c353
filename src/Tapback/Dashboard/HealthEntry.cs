namespace Tapback.Dashboard;

/// <summary>One health check's result, as <c>/healthz</c> computes it.</summary>
internal sealed record HealthEntry(string Name, string Status, string? Description);
