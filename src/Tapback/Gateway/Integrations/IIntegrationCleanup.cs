using System.Data.Common;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// What a feature removes when an integration ends (an admin delete, or a new pairing of its phone):
/// its webhooks, its API keys. Runs inside the transaction that ends the integration, so a crash
/// leaves either all of it or none.
/// </summary>
internal interface IIntegrationCleanup
{
    Task RemoveAsync(DbConnection connection, DbTransaction transaction, string integrationId, long now, CancellationToken cancellationToken = default);
}
