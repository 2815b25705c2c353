using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Transports;
using Tapback.Gateway.Watchdog;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Routing;

/// <summary>
/// Decides, in one place, which agent link an inbound event goes to: the integration paired with the
/// sender's phone, that is its handle on the transport the event came through (paused or not: a paused
/// one queues), or the built-in agent when the operator pointed that integration at it; else the
/// built-in agent when it may answer the sender; else no one (the event is stored and answered by no one).
/// The watchdog's canary handles are the gateway's own: nothing from them goes to an agent.
/// </summary>
internal sealed class MessageRouter(IOptions<BuiltInAgentAccessOptions> options, TransportRegistry transports, CanaryHandles canaries)
{
    // Each table's owner words its part; the router reads both in one statement (the inbox ran two
    // per event, and each statement is a step of the one writer). The join gives exactly one row:
    // ux_integrations_transport_phone keeps at most one live integration per phone.
    private const string OneToOneSql =
        $"SELECT {OptOutStore.OptedOutCondition}, paired.id, paired.agent, paired.status FROM (SELECT 1 AS one) anchor LEFT JOIN ({IntegrationStore.LiveOfPhone}) paired ON 1 = 1";

    /// <summary>Routes inside the caller's transaction, so a pairing that commits first is seen.</summary>
    public async Task<string?> RouteAsync(DbConnection connection, DbTransaction transaction, string transport, string from, CancellationToken cancellationToken)
    {
        if (canaries.IsCanary(transport, from))
        {
            return null;
        }

        var rows = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            IntegrationStore.LiveOfPhone,
            row => (IntegrationId: row.GetString(0), Agent: row.GetString(1), Status: row.GetString(2)),
            cancellationToken,
            ("@transport", transport),
            ("@handle", from));
        return rows.Count > 0 ? LinkOf(rows[0].IntegrationId, rows[0].Agent, rows[0].Status) : RouteToBuiltIn(transport, from);
    }

    /// <summary>
    /// For a one-to-one message: whether its sender texted STOP and, if not, where it goes, read in one
    /// statement (the inbox ran two per event, and each statement is a step of the one writer).
    /// </summary>
    public async Task<(bool OptedOut, string? Link)> RouteOneToOneAsync(
        DbConnection connection, DbTransaction transaction, string transport, string from, CancellationToken cancellationToken)
    {
        var rows = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            OneToOneSql,
            row => (OptedOut: row.GetBoolean(0), IntegrationId: row.IsDBNull(1) ? null : row.GetString(1), Agent: row.IsDBNull(2) ? null : row.GetString(2), Status: row.IsDBNull(3) ? null : row.GetString(3)),
            cancellationToken,
            ("@transport", transport),
            ("@handle", from));
        var (optedOut, integrationId, agent, status) = rows[0];
        return optedOut
            ? (true, null)
            : canaries.IsCanary(transport, from) ? (false, null)
            : (false, integrationId is not null ? LinkOf(integrationId, agent!, status!) : RouteToBuiltIn(transport, from));
    }

    /// <summary>
    /// A paired phone's link: its integration's own, or the built-in agent's when the operator chose it
    /// (no allow list applies: the operator named this phone). With the built-in agent switched off
    /// (<c>Tapback:Agent:Enabled</c> false) nothing would drain that link, and while the integration is
    /// paused nothing may answer: either way the integration's own queue keeps the event (a resume hands
    /// it to the built-in agent, <see cref="IntegrationStore.ResumeAsync"/>).
    /// </summary>
    private string LinkOf(string integrationId, string agent, string status) =>
        agent == IntegrationAgents.BuiltIn && status != IntegrationStatuses.Paused && options.Value.Enabled
            ? AgentLinks.BuiltIn
            : IntegrationLinks.Of(integrationId);

    /// <summary>The built-in agent's link when it may answer <paramref name="from"/>; else null.</summary>
    public string? RouteToBuiltIn(string transport, string from)
    {
        var access = options.Value;
        if (!access.Enabled)
        {
            return null;
        }

        var capabilities = transports.CapabilitiesOf(transport);
        if (capabilities.SendersAuthorisedUpstream)
        {
            return AgentLinks.BuiltIn;
        }

        if (access.AllowFrom.Count == 0)
        {
            return capabilities.BuiltInAgentAnswersByDefault ? AgentLinks.BuiltIn : null;
        }

        return access.AllowFrom.Any(allowed => allowed == "*" || string.Equals(allowed, from, StringComparison.Ordinal))
            ? AgentLinks.BuiltIn
            : null;
    }
}
