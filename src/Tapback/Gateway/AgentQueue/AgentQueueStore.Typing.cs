using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// The person's typing indicator as queued events. Only its newest state is news: an agent that is
/// away would otherwise come back to a pile of started/stopped pairs long over.
/// </summary>
internal sealed partial class AgentQueueStore
{
    /// <summary>
    /// Queues <c>typing.started</c> or <c>typing.stopped</c> for the conversation after dropping the
    /// typing events of it still waiting for <paramref name="link"/> (and its webhooks' undelivered
    /// typing deliveries, <see cref="WebhookFanOut.SupersedeTypingAsync"/>), so at most one waits per
    /// conversation. A row a worker holds (leased) is left to it.
    /// </summary>
    public static async Task EnqueueTypingAsync(
        DbConnection connection, DbTransaction transaction, string link, string conversationId, string kind, long now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE agent_queue SET state = '{AgentQueueStates.Discarded}', done_at = @now
            WHERE link = @link AND conversation_id = @conversationId AND state = '{AgentQueueStates.Pending}'
              AND kind IN ('{AgentQueueKinds.TypingStarted}', '{AgentQueueKinds.TypingStopped}')
              AND (lease_until IS NULL OR lease_until <= @now)
            """,
            new { link, conversationId, now },
            transaction,
            cancellationToken: cancellationToken));
        await WebhookFanOut.SupersedeTypingAsync(connection, transaction, link, conversationId, now, cancellationToken);
        await EnqueueAsync(connection, transaction, link, conversationId, kind, messageId: null, reactionId: null, now, cancellationToken);
    }
}
