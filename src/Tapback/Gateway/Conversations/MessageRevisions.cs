using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.Conversations;

/// <summary>
/// How a stored message changes after it was sent, whoever changed it (the person's edit or unsend
/// through the inbox, an agent's through the outbox): an edit keeps the earlier text in
/// <c>message_edits</c> and sets <c>edited_at</c>; an unsend empties the body, drops the history and
/// sets <c>unsent_at</c>. The row stays, so replies and tapbacks to it still resolve.
/// </summary>
internal static class MessageRevisions
{
    public static Task EditAsync(DbConnection connection, DbTransaction transaction, string messageId, string text, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO message_edits (message_id, body, edited_at) SELECT id, body, @now FROM messages WHERE id = @messageId;
            UPDATE messages SET body = @text, edited_at = @now, updated_at = @now WHERE id = @messageId;
            """,
            new { messageId, text, now },
            transaction,
            cancellationToken: cancellationToken));

    public static Task UnsendAsync(DbConnection connection, DbTransaction transaction, string messageId, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM message_edits WHERE message_id = @messageId;
            UPDATE messages SET body = '', unsent_at = @now, updated_at = @now WHERE id = @messageId;
            """,
            new { messageId, now },
            transaction,
            cancellationToken: cancellationToken));
}
