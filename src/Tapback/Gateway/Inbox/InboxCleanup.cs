using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Inbox;

/// <summary>A history purge deletes the inbox's record of the purged conversations' events and their tapbacks.</summary>
internal sealed class InboxCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(
            connection,
            transaction,
            cancellationToken,
            $"DELETE FROM inbox WHERE message_id {ConversationPurge.MessageIn(connection)}",
            $"DELETE FROM inbox WHERE reaction_id IN (SELECT id FROM reactions WHERE conversation_id {ConversationPurge.ConversationIn(connection)})",
            $"DELETE FROM reactions WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
