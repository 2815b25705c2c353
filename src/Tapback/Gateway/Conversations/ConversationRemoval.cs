using System.Data.Common;
using Dapper;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Pending;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Conversations;

/// <summary>
/// Which conversations a history purge takes, and the last step of it: the messages, their file rows
/// and the conversations themselves, once every feature removed its own rows of them.
/// </summary>
internal static class ConversationRemoval
{
    /// <summary>
    /// The one-to-one conversations with <paramref name="phone"/> on <paramref name="transport"/> (a phone
    /// is its transport plus its handle; group chats are other people's history too).
    /// </summary>
    public static async Task<ConversationPurge> OneToOneWithAsync(DbConnection connection, DbTransaction transaction, string transport, string phone, CancellationToken cancellationToken)
    {
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM conversations WHERE transport = @transport AND handle = @phone AND is_group = FALSE",
            new { transport, phone },
            transaction,
            cancellationToken: cancellationToken));
        return new ConversationPurge([.. ids]);
    }

    public static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken)
    {
        await AttachmentRows.DeleteAsync(connection, transaction, purge, cancellationToken);
        await PendingAttachmentRows.DeleteAsync(connection, transaction, purge, cancellationToken);
        await purge.ExecuteAsync(
            connection,
            transaction,
            cancellationToken,
            // An edited message's earlier texts go with it.
            $"DELETE FROM message_edits WHERE message_id {ConversationPurge.MessageIn(connection)}",
            $"DELETE FROM messages WHERE conversation_id {ConversationPurge.ConversationIn(connection)}",
            $"DELETE FROM conversations WHERE id {ConversationPurge.ConversationIn(connection)}");
    }
}
