using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// The <c>/healthz</c> entry <c>transport:&lt;name&gt;</c> of a watched bridge: Degraded with the reason
/// while the watchdog has announced it degraded, else Healthy (saying so when a stall is being timed).
/// Read from the store, so every node answers alike.
/// </summary>
internal sealed class TransportHealthCheck(string transport, TransportHealthStore store) : IHealthCheck
{
    public static string NameOf(string transport) => $"transport:{transport}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await store.FindAsync(transport, cancellationToken);
        return health switch
        {
            null => HealthCheckResult.Healthy("Watched; not checked yet."),
            { IsDegraded: true } => HealthCheckResult.Degraded($"{health.Reason} (degraded since {health.Since:u})"),
            { PendingReason: { } pending } => HealthCheckResult.Healthy($"Watched: a possible stall since {health.PendingSince:u} is being confirmed: {pending}"),
            _ => HealthCheckResult.Healthy($"Watched; last checked {health.CheckedAt:u}."),
        };
    }
}
