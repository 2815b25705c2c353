using System.Data.Common;
using Tapback.Gateway.Integrations;

namespace Tapback.Gateway.Pairing;

/// <summary>A history purge deletes the pairing codes the purged conversations' <c>/setup</c> messages asked for.</summary>
internal sealed class PairingCodeCleanup : IIntegrationCleanup
{
    public Task PurgeAsync(DbConnection connection, DbTransaction transaction, ConversationPurge purge, CancellationToken cancellationToken = default) =>
        purge.ExecuteAsync(connection, transaction, cancellationToken, $"DELETE FROM pairing_codes WHERE message_id {ConversationPurge.MessageIn(connection)}");
}
