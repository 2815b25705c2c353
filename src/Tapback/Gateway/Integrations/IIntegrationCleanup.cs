using System.Data.Common;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// What a feature removes when an integration ends (an admin delete, or a new pairing of its phone):
/// its queue rows, webhooks, API keys; and, when the history is purged, its own rows of the phone's
/// conversations. Runs inside the transaction that ends the integration, so a crash leaves either
/// all of it or none. Each feature removes only the rows of the tables it owns.
/// </summary>
internal interface IIntegrationCleanup
{
    /// <summary>Removes or revokes what this feature keeps for the integration itself.</summary>
    Task RemoveAsync(DbConnection connection, DbTransaction transaction, string integrationId, long now, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>
    /// Deletes this feature's rows of the purged conversations. Runs for every feature before the
    /// gateway deletes the conversations, their messages and files themselves (<see cref="ConversationPurge"/>).
    /// </summary>
    Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
