using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations;

namespace Tapback.Dashboard;

/// <summary>
/// The integrations with a status an operator can act on: paused, connected, disconnected, or error
/// when webhook deliveries failed for good or queued events were dropped in the last day.
/// </summary>
internal sealed class DashboardIntegrations(IntegrationStore store, LinkQueue queue, WebhookDeliveryStore deliveries, IntegrationConnections connections, TimeProvider time)
{
    private static readonly TimeSpan ProblemWindow = TimeSpan.FromDays(1);

    public async Task<IReadOnlyList<DashboardIntegration>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await store.ListAsync(cancellationToken);
        var queued = await queue.PendingPerIntegrationAsync(cancellationToken);
        var since = time.GetUtcNow() - ProblemWindow;
        var dead = await deliveries.DeadCountsSinceAsync(since, cancellationToken);
        return [.. all.Select(integration => View(integration, queued.GetValueOrDefault(integration.Id), dead.GetValueOrDefault(integration.Id), since))];
    }

    public async Task<DashboardIntegration?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(integration => integration.Id == id);

    private DashboardIntegration View(Integration integration, long queued, long deadDeliveries, DateTimeOffset since)
    {
        var problem = deadDeliveries > 0
            ? $"{deadDeliveries} webhook deliveries failed for good in the last day; see Webhooks to replay them."
            : integration.LastDroppedAt > since
                ? $"{integration.DroppedEvents} events were dropped from the full queue while no agent took them."
                : null;
        var status = integration.IsPaused ? "paused"
            : problem is not null ? "error"
            : connections.IsConnected(integration.Id) ? "connected"
            : "disconnected";
        return new DashboardIntegration
        {
            Id = integration.Id,
            Phone = integration.Phone,
            Name = integration.Name,
            Transport = integration.Transport,
            Status = status,
            Problem = problem,
            QueuedEvents = queued,
            DroppedEvents = integration.DroppedEvents,
            CreatedAt = integration.CreatedAt,
            Settings = integration.Settings,
        };
    }
}
