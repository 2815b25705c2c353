using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.OptOut;
using Tapback.Gateway.Transports;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Routing;

/// <summary>
/// Decides, in one place, which agent link an inbound event goes to: the integration paired with the
/// sender's phone, that is its handle on the transport the event came through (paused or not: a paused
/// one queues); else the built-in agent when it may answer
/// the sender; else no one (the event is stored and answered by no one).
/// </summary>
internal sealed class MessageRouter(IOptions<BuiltInAgentAccessOptions> options, TransportRegistry transports)
{
    // Each table's owner words its part; the router reads both in one statement (the inbox ran two
    // per event, and each statement is a step of the one writer).
    private const string OneToOneSql = $"SELECT {OptOutStore.OptedOutCondition}, ({IntegrationStore.LiveIdOfPhone})";

    /// <summary>Routes inside the caller's transaction, so a pairing that commits first is seen.</summary>
    public async Task<string?> RouteAsync(DbConnection connection, DbTransaction transaction, string transport, string from, CancellationToken cancellationToken)
    {
        var integrationId = await PreparedStatements.ScalarAsync<string>(
            connection,
            transaction,
            IntegrationStore.LiveIdOfPhone,
            cancellationToken,
            ("@transport", transport),
            ("@handle", from));
        return integrationId is not null ? IntegrationLinks.Of(integrationId) : RouteToBuiltIn(transport, from);
    }

    /// <summary>For a one-to-one message: whether its sender texted STOP and, if not, where it goes, read in one statement.</summary>
    public async Task<(bool OptedOut, string? Link)> RouteOneToOneAsync(
        DbConnection connection, DbTransaction transaction, string transport, string from, CancellationToken cancellationToken)
    {
        var rows = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            OneToOneSql,
            row => (OptedOut: row.GetBoolean(0), IntegrationId: row.IsDBNull(1) ? null : row.GetString(1)),
            cancellationToken,
            ("@transport", transport),
            ("@handle", from));
        var (optedOut, integrationId) = rows[0];
        return optedOut
            ? (true, null)
            : (false, integrationId is not null ? IntegrationLinks.Of(integrationId) : RouteToBuiltIn(transport, from));
    }

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
