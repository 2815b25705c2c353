using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tapback.Storage;

/// <summary>Healthy when the store answers a query.</summary>
internal sealed class StoreHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM conversations", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy(database.Description);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}
