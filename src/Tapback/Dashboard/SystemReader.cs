using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tapback.Agent;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;
using Tapback.Gateway.Watchdog;
using Tapback.Hosting;
using Tapback.Storage;

namespace Tapback.Dashboard;

/// <summary>What this node runs and how it is doing, for the System page.</summary>
internal sealed class SystemReader(
    ActiveChatModel model,
    IOptions<AgentOptions> agentOptions,
    TransportRegistry transports,
    Database database,
    HealthCheckService health,
    BridgeWatchdog watchdog,
    TransportHealthStore transportHealth)
{
    private const int MaxErrors = 30;

    public async Task<SystemView> ReadAsync(CancellationToken cancellationToken = default)
    {
        var chosen = await model.GetAsync();
        var report = await health.CheckHealthAsync(cancellationToken);
        var watched = watchdog.Watched().Select(transport => transport.Name).ToHashSet(StringComparer.Ordinal);
        var states = (await transportHealth.AllAsync(cancellationToken)).ToDictionary(row => row.Transport, StringComparer.Ordinal);
        return new SystemView
        {
            Version = ProductVersion.Informational,
            Store = database.Description,
            Model = new ModelView(agentOptions.Value.Enabled, chosen.Provider, chosen.ModelId, chosen.Description),
            Health = report.Status.ToString(),
            HealthChecks = [.. report.Entries.Select(entry => new HealthEntry(entry.Key, entry.Value.Status.ToString(), entry.Value.Description))],
            Transports = [.. transports.All.OrderBy(transport => transport.Name, StringComparer.OrdinalIgnoreCase)
                .Select(transport => new TransportView(transport.Name, transport.Kind, transport.Capabilities)
                {
                    Health = !watched.Contains(transport.Name) ? null
                        : states.TryGetValue(transport.Name, out var state)
                            ? new TransportHealthView(state.State, state.Reason, state.Since, state.PendingReason, state.CheckedAt)
                            : new TransportHealthView(TransportHealthStates.Healthy, null, null, null, null),
                })],
            Errors = await RecentErrorsAsync(cancellationToken),
        };
    }

    private async Task<IReadOnlyList<RecentError>> RecentErrorsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var agent = await connection.QueryAsync<(long At, string Kind, string Detail, string ConversationId)>(new CommandDefinition(
            $"SELECT at, kind, detail, conversation_id FROM agent_errors ORDER BY id DESC LIMIT {MaxErrors}",
            cancellationToken: cancellationToken));
        var sends = await connection.QueryAsync<(long At, string Kind, string State, string? LastError, string ConversationId)>(new CommandDefinition(
            $"SELECT coalesce(done_at, created_at), kind, state, last_error, conversation_id FROM outbox WHERE state IN ('{OutboxStates.Failed}', '{OutboxStates.Unknown}') ORDER BY id DESC LIMIT {MaxErrors}",
            cancellationToken: cancellationToken));
        var deliveries = await connection.QueryAsync<(long At, string Type, string Url, int? LastStatusCode, string? LastError, string ConversationId)>(new CommandDefinition(
            $"""
            SELECT coalesce(d.last_attempt_at, d.created_at), d.type, s.url, d.last_status_code, d.last_error, d.conversation_id
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.state = '{WebhookDeliveryStates.Dead}' ORDER BY d.seq DESC LIMIT {MaxErrors}
            """,
            cancellationToken: cancellationToken));
        return [.. agent.Select(row => new RecentError(At(row.At), "agent", $"{row.Kind}: {row.Detail}", row.ConversationId))
            .Concat(sends.Select(row => new RecentError(At(row.At), "outbox", $"{row.Kind} {row.State}: {row.LastError ?? "no error recorded"}", row.ConversationId)))
            .Concat(deliveries.Select(row => new RecentError(
                At(row.At), "webhook", $"{row.Type} to {row.Url} failed for good ({(row.LastStatusCode is { } code ? $"HTTP {code}" : row.LastError ?? "no answer")})",
                WebhookFanOut.IsTransportOrder(row.ConversationId) ? null : row.ConversationId)))
            .OrderByDescending(error => error.At)
            .Take(MaxErrors)];
    }

    private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
