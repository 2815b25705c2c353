using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Media.Voice;

/// <summary>A history purge deletes the transcripts of the purged conversations' voice notes.</summary>
internal sealed class TranscriptCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM attachment_transcripts WHERE attachment_id IN (SELECT id FROM attachments WHERE message_id {ConversationPurge.MessageIn(connection)})");
}
