using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>An ended integration's API keys stop working with it.</summary>
internal sealed class ApiKeyCleanup : IIntegrationCleanup
{
    public Task RemoveAsync(DbConnection connection, DbTransaction transaction, string integrationId, long now, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_keys WHERE integration_id = @integrationId",
            new { integrationId },
            transaction,
            cancellationToken: cancellationToken));
}
