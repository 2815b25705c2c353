using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Routing;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>Who answers the phone: the integration's own agent or the built-in one, and when its socket last came.</summary>
internal sealed partial class IntegrationStore
{
    /// <summary>
    /// Points the integration at <paramref name="agent"/> (<see cref="IntegrationAgents"/>). Turning to the
    /// built-in agent hands it the messages and tapbacks that waited for the integration's own agent, so
    /// a phone left without an answer gets one; the reports that waited (sent, delivered …) were the own
    /// agent's news and are dropped; a paused integration hands them over when it resumes. Returns false
    /// when there is no such integration.
    /// </summary>
    public async Task<bool> SetAgentAsync(string integrationId, string agent, CancellationToken cancellationToken = default)
    {
        if (!IntegrationAgents.IsKnown(agent))
        {
            throw new ArgumentOutOfRangeException(nameof(agent), agent, IntegrationAgents.Unknown(agent));
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<(string Agent, string Status)?>(new CommandDefinition(
            $"SELECT agent, status FROM integrations WHERE id = @integrationId AND status <> '{IntegrationStatuses.Deleted}'",
            new { integrationId },
            transaction,
            cancellationToken: cancellationToken));
        if (before is not { } current)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE integrations SET agent = @agent, updated_at = @now WHERE id = @integrationId",
            new { integrationId, agent, now },
            transaction,
            cancellationToken: cancellationToken));
        // A paused integration keeps what waits until it resumes (ResumeAsync hands it over then).
        var handedOver = current.Agent != IntegrationAgents.BuiltIn && agent == IntegrationAgents.BuiltIn && current.Status != IntegrationStatuses.Paused
            && await AgentQueueStore.HandOverAsync(connection, transaction, IntegrationLinks.Of(integrationId), AgentLinks.BuiltIn, now, cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        linkSignals.Notify(IntegrationLinks.Of(integrationId));
        if (handedOver)
        {
            linkSignals.Notify(AgentLinks.BuiltIn);
            queueSignal.Notify();
        }

        return true;
    }

    /// <summary>Records that an agent WebSocket said <c>ready</c>: from now on its integration's events wait for it when it is away.</summary>
    public async Task MarkConnectedAsync(string integrationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE integrations SET last_connected_at = @now WHERE id = @integrationId",
            new { integrationId, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Who answers the phone's live integration (<see cref="IntegrationAgents"/>), read in the caller's transaction; null when it has none.</summary>
    public static Task<string?> AgentOfPhoneAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string transport, string handle, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT agent FROM ({LiveOfPhone}) live", new { transport, handle }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The settings JSON of the integration the built-in agent answers for a phone, as a scalar subquery over
    /// SQL expressions for the phone's transport and handle (null when none), read with the turn's other
    /// first questions in one statement (<c>Agent/Turns/TurnStart</c>); <see cref="SettingsOf"/> reads its value.
    /// </summary>
    public static string BuiltInSettingsSql(string transport, string handle) =>
        $"(SELECT settings FROM integrations WHERE transport = {transport} AND phone = {handle} AND agent = '{IntegrationAgents.BuiltIn}' AND status <> '{IntegrationStatuses.Deleted}')";

    /// <summary>The settings stored as <paramref name="json"/>; null for none.</summary>
    public static IntegrationSettings? SettingsOf(string? json) => json is null ? null : Row.SettingsOf(json);
}
