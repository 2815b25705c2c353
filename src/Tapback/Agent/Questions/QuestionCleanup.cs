using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Agent.Questions;

/// <summary>A history purge deletes the questions asked in the purged conversations.</summary>
internal sealed class QuestionCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM questions WHERE conversation_id {ConversationPurge.ConversationIn(connection)}");
}
