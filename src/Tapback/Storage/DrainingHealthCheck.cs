using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tapback.Storage;

/// <summary>
/// Part of <c>/readyz</c> only: unhealthy once the node begins to stop, so a load balancer sends new
/// webhooks and sockets to the other nodes while this one finishes what it holds.
/// </summary>
internal sealed class DrainingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("This node is stopping.")
            : HealthCheckResult.Healthy());
}
