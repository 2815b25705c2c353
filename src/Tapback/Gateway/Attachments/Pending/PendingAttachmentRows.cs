using System.Data.Common;
using Dapper;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Attachments.Pending;

/// <summary>The <c>pending_attachments</c> rows written and removed inside other features' transactions.</summary>
internal static class PendingAttachmentRows
{
    /// <summary>Records the message's late files in the inbox's transaction, so the message is never stored without them.</summary>
    public static async Task InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        string transport,
        string messageId,
        IReadOnlyList<LateFile> files,
        long now,
        CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO pending_attachments (transport, file_key, message_id, position, source, file_name, content_type, tries, next_attempt_at, created_at)
                VALUES (@transport, @Key, @messageId, @Position, @Source, @FileName, @ContentType, 0, @next, @now)
                ON CONFLICT (transport, file_key) DO NOTHING
                """,
                new { transport, file.Key, messageId, file.Position, file.Source, file.FileName, file.ContentType, next = now + (long)PendingAttachmentStore.FirstRetry.TotalMilliseconds, now },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>The files the purged conversations' messages still waited for.</summary>
    public static Task DeleteAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM pending_attachments WHERE message_id {ConversationPurge.MessageIn(connection)}");
}
