using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>Deleting: revoke the token and API keys, let each feature remove its rows (queue, webhooks, and with a purge the history), and close every session they opened.</summary>
internal sealed partial class IntegrationStore
{
    /// <summary>Returns false when there is no such integration.</summary>
    public async Task<bool> DeleteAsync(string integrationId, bool purgeHistory, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var deleted = await connection.QuerySingleOrDefaultAsync<(string Transport, string Phone)?>(new CommandDefinition(
            $"""
            UPDATE integrations SET status = '{IntegrationStatuses.Deleted}', deleted_at = @now, updated_at = @now, token_hash = ''
            WHERE id = @integrationId AND status <> '{IntegrationStatuses.Deleted}'
            RETURNING transport, phone
            """,
            new { integrationId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (deleted is not { } integration)
        {
            return false;
        }

        foreach (var cleanup in cleanups)
        {
            await cleanup.RemoveAsync(connection, transaction, integrationId, now, cancellationToken);
        }

        if (purgeHistory)
        {
            // Every feature deletes its own rows of the conversations first (they point at them), then
            // the conversations' owner deletes the messages and the conversations.
            var purge = await ConversationRemoval.OneToOneWithAsync(connection, transaction, integration.Transport, integration.Phone, cancellationToken);
            foreach (var cleanup in cleanups)
            {
                await cleanup.PurgeAsync(connection, transaction, purge, cancellationToken);
            }

            await ConversationRemoval.DeleteAsync(connection, transaction, purge, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        revocations.Revoked(integrationId);
        return true;
    }
}
