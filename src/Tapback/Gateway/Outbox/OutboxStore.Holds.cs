using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Rows the send governor (Gateway/Governor) holds. A held row keeps its place: it is open, so what
/// its conversation queued after it waits behind it, and releasing it only makes it queued again (the
/// dispatcher asks the governor once more before it goes). The governor decides; the rows are written here.
/// </summary>
internal sealed partial class OutboxStore
{
    /// <summary>
    /// Queues again, in their order, a conversation's rows held for <paramref name="reason"/> (a
    /// <see cref="Governor.HoldReasons"/> name). The hold's reason stays on the row, so holding it again
    /// for the same reason is not reported twice. Returns how many were released; the caller wakes the
    /// dispatcher (<see cref="OutboxSignal"/>) when any were.
    /// </summary>
    public Task<int> ReleaseHeldAsync(string conversationId, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var messageIds = (await connection.QueryAsync<string?>(new CommandDefinition(
                    $"""
                    UPDATE outbox SET state = '{OutboxStates.Queued}', release_at = NULL, next_attempt_at = @now
                    WHERE conversation_id = @conversationId AND state = '{OutboxStates.Held}' AND held_reason = @reason
                    RETURNING message_id
                    """,
                    new { conversationId, reason, now },
                    transaction,
                    cancellationToken: token))).ToList();
                var sends = messageIds.OfType<string>().ToArray();
                if (sends.Length > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE messages SET state = '{MessageStates.Queued}', updated_at = @now WHERE state = '{MessageStates.Held}' AND id {SqlDialect.InList(connection, "@sends")}",
                        new { sends, now },
                        transaction,
                        cancellationToken: token));
                }

                return messageIds.Count;
            },
            cancellationToken);
    }
}
