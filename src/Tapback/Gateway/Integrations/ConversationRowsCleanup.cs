using System.Data.Common;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// The cleanup of a feature whose tables hold rows by <c>conversation_id</c> and nothing for the
/// integration itself: a history purge deletes the purged conversations' rows, table by table in the
/// order given. The feature registers it with its own table names, beside its other registrations.
/// </summary>
internal sealed class ConversationRowsCleanup(params string[] tables) : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(
            connection,
            transaction,
            cancellationToken,
            [.. tables.Select(table => $"DELETE FROM {table} WHERE conversation_id {ConversationPurge.ConversationIn(connection)}")]);
}
