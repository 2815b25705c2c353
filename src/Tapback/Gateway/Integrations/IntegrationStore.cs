using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Pairing;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>Reads and changes integrations. Pairing creates them (<see cref="PairingExchange"/> calls <see cref="CreateAsync"/>).</summary>
internal sealed partial class IntegrationStore(
    Database database,
    AgentLinkSignals linkSignals,
    AgentQueueSignal queueSignal,
    CredentialRevocations revocations,
    IEnumerable<IIntegrationCleanup> cleanups,
    TimeProvider time)
{
    /// <summary>
    /// The live integration of the phone <c>@handle</c> on <c>@transport</c>, as an SQL subquery of one
    /// row or none (ux_integrations_transport_phone): the router reads it in its routing statement.
    /// </summary>
    public const string LiveIdOfPhone = $"SELECT id FROM integrations WHERE transport = @transport AND phone = @handle AND status <> '{IntegrationStatuses.Deleted}'";

    /// <summary>The live integrations on a transport (<c>@transport</c>): who hears the bridge watchdog's news of it.</summary>
    public const string LiveOnTransport = $"SELECT id FROM integrations WHERE transport = @transport AND status <> '{IntegrationStatuses.Deleted}'";

    /// <summary>As <see cref="LiveIdOfPhone"/>, with who answers it and whether it is paused: <c>id, agent, status</c>.</summary>
    public const string LiveOfPhone = $"SELECT id, agent, status FROM integrations WHERE transport = @transport AND phone = @handle AND status <> '{IntegrationStatuses.Deleted}'";

    private const string Columns =
        "id AS Id, phone AS Phone, name AS Name, transport AS Transport, status AS Status, settings AS Settings, dropped_events AS DroppedEvents, last_dropped_at AS LastDroppedAt, created_at AS CreatedAt, agent AS Agent, last_connected_at AS LastConnectedAt";

    public async Task<Integration?> FindAsync(string integrationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM integrations WHERE id = @integrationId AND status <> '{IntegrationStatuses.Deleted}'",
            new { integrationId },
            cancellationToken: cancellationToken));
        return row?.ToIntegration();
    }

    public async Task<IReadOnlyList<Integration>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM integrations WHERE status <> '{IntegrationStatuses.Deleted}' ORDER BY created_at, id",
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToIntegration())];
    }

    /// <summary>A new live integration of a phone, named for it, in the pairing's transaction; returns its id.</summary>
    public static async Task<string> CreateAsync(
        DbConnection connection, DbTransaction transaction, string transport, string phone, string tokenHash, long now, CancellationToken cancellationToken = default)
    {
        var integrationId = Ids.New("int");
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO integrations (id, phone, name, transport, token_hash, status, created_at, updated_at)
            VALUES (@integrationId, @phone, @phone, @transport, @tokenHash, '{IntegrationStatuses.Active}', @now, @now)
            """,
            new { integrationId, phone, transport, tokenHash, now },
            transaction,
            cancellationToken: cancellationToken));
        return integrationId;
    }

    /// <summary>Counts events the agent queue dropped while the integration's agent was away, in the queue's transaction.</summary>
    public static Task CountDroppedAsync(DbConnection connection, DbTransaction transaction, string integrationId, int count, long now, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE integrations SET dropped_events = dropped_events + @count, last_dropped_at = @now WHERE id = @integrationId",
            new { count, now, integrationId },
            transaction,
            cancellationToken: cancellationToken));

    public Task<bool> RenameAsync(string integrationId, string name, CancellationToken cancellationToken = default) =>
        UpdateAsync("name = @value", integrationId, name, cancellationToken);

    public Task<bool> UpdateSettingsAsync(string integrationId, IntegrationSettings settings, CancellationToken cancellationToken = default) =>
        UpdateAsync("settings = @value", integrationId, JsonSerializer.Serialize(settings, IntegrationSettingsJsonContext.Wire.IntegrationSettings), cancellationToken);

    public Task<bool> PauseAsync(string integrationId, CancellationToken cancellationToken = default) =>
        UpdateAsync("status = @value", integrationId, IntegrationStatuses.Paused, cancellationToken);

    /// <summary>Resumes delivery; with <paramref name="discardQueued"/>, first drops what waited. Returns the rows dropped, or null when there is no such integration.</summary>
    public async Task<long?> ResumeAsync(string integrationId, bool discardQueued, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var agent = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"UPDATE integrations SET status = '{IntegrationStatuses.Active}', updated_at = @now WHERE id = @integrationId AND status <> '{IntegrationStatuses.Deleted}' RETURNING agent",
            new { integrationId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (agent is null)
        {
            return null;
        }

        long discarded = discardQueued ? await AgentQueueStore.DiscardPendingAsync(connection, transaction, IntegrationLinks.Of(integrationId), now, cancellationToken) : 0;
        // What waited while paused is the built-in agent's when it answers this phone (MessageRouter kept it here).
        var handedOver = agent == IntegrationAgents.BuiltIn
            && await AgentQueueStore.HandOverAsync(connection, transaction, IntegrationLinks.Of(integrationId), Routing.AgentLinks.BuiltIn, now, cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        linkSignals.Notify(IntegrationLinks.Of(integrationId));
        if (handedOver)
        {
            queueSignal.Notify();
        }

        return discarded;
    }

    private async Task<bool> UpdateAsync(string assignment, string integrationId, string value, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE integrations SET {assignment}, updated_at = @now WHERE id = @integrationId AND status <> '{IntegrationStatuses.Deleted}'",
            new { integrationId, value, now },
            cancellationToken: cancellationToken));
        linkSignals.Notify(IntegrationLinks.Of(integrationId));
        return updated == 1;
    }

    private sealed record Row
    {
        public string Id { get; init; } = string.Empty;
        public string Phone { get; init; } = string.Empty;
        public string Name { get; init; } = string.Empty;
        public string Transport { get; init; } = string.Empty;
        public string Status { get; init; } = string.Empty;
        public string Settings { get; init; } = "{}";
        public long DroppedEvents { get; init; }
        public long? LastDroppedAt { get; init; }
        public long CreatedAt { get; init; }
        public string Agent { get; init; } = IntegrationAgents.Own;
        public long? LastConnectedAt { get; init; }

        public static IntegrationSettings SettingsOf(string json) =>
            JsonSerializer.Deserialize(json, IntegrationSettingsJsonContext.Wire.IntegrationSettings) ?? IntegrationSettings.Default;

        public Integration ToIntegration() => new()
        {
            Id = Id,
            Phone = Phone,
            Name = Name,
            Transport = Transport,
            Status = Status,
            Settings = SettingsOf(Settings),
            DroppedEvents = DroppedEvents,
            LastDroppedAt = LastDroppedAt is { } dropped ? DateTimeOffset.FromUnixTimeMilliseconds(dropped) : null,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            Agent = Agent,
            LastConnectedAt = LastConnectedAt is { } connected ? DateTimeOffset.FromUnixTimeMilliseconds(connected) : null,
        };
    }
}
