using Tapback.Gateway.AgentQueue;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>Integrations as the admin API shows them: who answers, how its agent is reached now, what waits.</summary>
internal sealed class IntegrationViews(IntegrationStore store, IntegrationConnections connections, LinkQueue queue, Database database)
{
    public async Task<IReadOnlyList<IntegrationView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await store.ListAsync(cancellationToken);
        return await ViewsAsync(all, cancellationToken);
    }

    public async Task<IntegrationView?> FindAsync(string integrationId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(integrationId, cancellationToken) is { } integration ? (await ViewsAsync([integration], cancellationToken))[0] : null;

    private async Task<IReadOnlyList<IntegrationView>> ViewsAsync(IReadOnlyList<Integration> integrations, CancellationToken cancellationToken)
    {
        var queued = await queue.PendingPerIntegrationAsync(cancellationToken);
        IReadOnlySet<string> withWebhooks;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            withWebhooks = await WebhookFanOut.IntegrationsWithWebhooksAsync(connection, cancellationToken);
        }

        return [.. integrations.Select(integration => View(integration, queued.GetValueOrDefault(integration.Id), withWebhooks.Contains(integration.Id)))];
    }

    private IntegrationView View(Integration integration, long queued, bool hasWebhooks)
    {
        var connected = connections.IsConnected(integration.Id);
        return new()
        {
            Id = integration.Id,
            Phone = integration.Phone,
            Name = integration.Name,
            Transport = integration.Transport,
            Status = integration.IsPaused ? "paused" : connected ? "connected" : "disconnected",
            QueuedEvents = queued,
            DroppedEvents = integration.DroppedEvents,
            LastDroppedAt = integration.LastDroppedAt,
            CreatedAt = integration.CreatedAt,
            Settings = integration.Settings,
            Agent = integration.Agent,
            ReachedBy = IntegrationAgents.ReachedBy(integration, connected, hasWebhooks),
            LastConnectedAt = integration.LastConnectedAt,
        };
    }
}
