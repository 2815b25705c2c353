using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations;

namespace Tapback.Dashboard;

/// <summary>
/// The integrations with the state an operator can act on: paused; error when webhook deliveries failed
/// for good or queued events were dropped in the last day; else who answers the phone now: the
/// built-in agent, its agent's WebSocket (connected to this node), its webhooks, or no one yet
/// (waiting for its agent, with what to do).
/// </summary>
internal sealed class DashboardIntegrations(
    IntegrationStore store, LinkQueue queue, WebhookDeliveryStore deliveries, IntegrationConnections connections, TimeProvider time)
{
    private static readonly TimeSpan ProblemWindow = TimeSpan.FromDays(1);

    public async Task<IReadOnlyList<DashboardIntegration>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await store.ListAsync(cancellationToken);
        var queued = await queue.PendingPerIntegrationAsync(cancellationToken);
        var webhooks = await deliveries.HealthByIntegrationAsync(cancellationToken);
        var since = time.GetUtcNow() - ProblemWindow;
        var dead = await deliveries.DeadCountsSinceAsync(since, cancellationToken);
        return [.. all.Select(integration => View(
            integration, queued.GetValueOrDefault(integration.Id), dead.GetValueOrDefault(integration.Id), webhooks.GetValueOrDefault(integration.Id), since))];
    }

    public async Task<DashboardIntegration?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(integration => integration.Id == id);

    private DashboardIntegration View(Integration integration, long queued, long deadDeliveries, WebhookHealth? webhooks, DateTimeOffset since)
    {
        var problem = deadDeliveries > 0
            ? $"{deadDeliveries} webhook deliveries failed for good in the last day; see Webhooks to replay them."
            : integration.LastDroppedAt > since
                ? $"{integration.DroppedEvents} events were dropped from the full queue while no agent took them."
                : null;
        var connected = connections.IsConnected(integration.Id);
        var reachedBy = IntegrationAgents.ReachedBy(integration, connected, webhooks is not null);
        var status = integration.IsPaused ? "paused"
            : problem is not null ? "error"
            : reachedBy switch
            {
                IntegrationAgents.ByBuiltIn => "builtin",
                IntegrationAgents.ByWebSocket => "connected",
                IntegrationAgents.ByWebhooks => "webhooks",
                _ => "waiting",
            };
        return new DashboardIntegration
        {
            Id = integration.Id,
            Phone = integration.Phone,
            Name = integration.Name,
            Transport = integration.Transport,
            Status = status,
            Problem = problem,
            Agent = integration.Agent,
            ReachedBy = reachedBy,
            Waiting = reachedBy == IntegrationAgents.ByNone ? WaitingHint(integration, queued) : null,
            LastConnectedAt = integration.LastConnectedAt,
            Webhooks = webhooks,
            QueuedEvents = queued,
            DroppedEvents = integration.DroppedEvents,
            CreatedAt = integration.CreatedAt,
            Settings = integration.Settings,
        };
    }

    // What to do when no agent answers the phone: the three ways there are.
    private static string WaitingHint(Integration integration, long queued)
    {
        var waits = queued == 1 ? "1 event waits" : $"{queued} events wait";
        var since = integration.LastConnectedAt is null
            ? "No agent has connected with this integration's token yet"
            : "Its agent's WebSocket is not connected";
        return $"{since}, and it has no webhook: {waits} for it. Connect its agent over the WebSocket (docs/protocol.md), "
            + "add a webhook (docs/webhooks.md), or let the built-in agent answer this phone.";
    }
}
