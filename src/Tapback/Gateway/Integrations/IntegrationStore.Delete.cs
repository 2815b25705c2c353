using System.Data.Common;
using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>Deleting: revoke the token and API keys, remove the webhooks, close every session they opened, and keep or purge the history.</summary>
internal sealed partial class IntegrationStore
{
    /// <summary>Returns false when there is no such integration.</summary>
    public async Task<bool> DeleteAsync(string integrationId, bool purgeHistory, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var deleted = await connection.QuerySingleOrDefaultAsync<(string Transport, string Phone)?>(new CommandDefinition(
            """
            UPDATE integrations SET status = 'deleted', deleted_at = @now, updated_at = @now, token_hash = ''
            WHERE id = @integrationId AND status <> 'deleted'
            RETURNING transport, phone
            """,
            new { integrationId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (deleted is null)
        {
            return false;
        }

        await DiscardQueueAsync(connection, transaction, integrationId, now, cancellationToken);
        foreach (var cleanup in cleanups)
        {
            await cleanup.RemoveAsync(connection, transaction, integrationId, now, cancellationToken);
        }

        if (purgeHistory)
        {
            await PurgeConversationsAsync(connection, transaction, deleted.Value.Transport, deleted.Value.Phone, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        revocations.Revoked(integrationId);
        return true;
    }

    /// <summary>Removes the one-to-one conversation with the phone (its handle on its transport) and everything stored in it.</summary>
    private static async Task PurgeConversationsAsync(DbConnection connection, DbTransaction transaction, string transport, string phone, CancellationToken cancellationToken)
    {
        string[] statements =
        [
            "DELETE FROM agent_queue WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM outbox WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM reactions WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM attachment_transcripts WHERE attachment_id IN (SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id JOIN conversations c ON c.id = m.conversation_id WHERE c.transport = @transport AND c.handle = @phone AND c.is_group = FALSE)",
            "DELETE FROM attachments WHERE message_id IN (SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.transport = @transport AND c.handle = @phone AND c.is_group = FALSE)",
            "DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM summaries WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM agent_errors WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM sessions WHERE conversation_id IN (SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE)",
            "DELETE FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE",
        ];
        foreach (var statement in statements)
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, new { transport, phone }, transaction, cancellationToken: cancellationToken));
        }
    }
}
