using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// How agents act: their actions become outbox rows (and outbound messages) in one transaction, which
/// can also complete the agent-queue rows they answer. A crash before the commit leaves the queue rows
/// pending, so the turn runs again; after it, the dispatcher finishes what the rows say.
/// </summary>
internal sealed class OutboxWriter(Database database, ConversationReader conversations, OutboxSignal signal, TimeProvider time)
{
    /// <summary>Writes the actions; returns the id of each message action's outbound message, in order.</summary>
    public Task<IReadOnlyList<string>> WriteAsync(
        string conversationId,
        IReadOnlyList<AgentAction> actions,
        IEnumerable<long>? completeQueueSeqs = null,
        CancellationToken cancellationToken = default) =>
        WriteAsync(conversationId, actions, completeQueueSeqs, alsoWrite: null, cancellationToken);

    /// <summary>
    /// Writes the actions, then lets <paramref name="alsoWrite"/> write its own rows in the same
    /// transaction (it sees the new messages' ids), so a caller's state changes commit with the bubbles.
    /// </summary>
    public async Task<IReadOnlyList<string>> WriteAsync(
        string conversationId,
        IReadOnlyList<AgentAction> actions,
        IEnumerable<long>? completeQueueSeqs,
        Func<OutboxTransaction, Task>? alsoWrite,
        CancellationToken cancellationToken = default)
    {
        var conversation = await conversations.FindAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException($"No conversation '{conversationId}'.");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var messageIds = new List<string>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = Database.BeginWrite(connection);
        foreach (var action in actions)
        {
            string? messageId = null;
            if (action.Kind == AgentActionKind.Message)
            {
                // A repeated key must not create a second message: reuse the first one's id.
                messageId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "SELECT message_id FROM outbox WHERE idempotency_key = @Key",
                    new { action.Key },
                    transaction,
                    cancellationToken: cancellationToken));
                if (messageId is null)
                {
                    messageId = Ids.New("msg");
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO messages (id, conversation_id, direction, sender, body, state, created_at, updated_at)
                        VALUES (@messageId, @conversationId, 'out', @sender, @body, 'queued', @now, @now)
                        """,
                        new { messageId, conversationId, sender = conversation.Transport, body = action.Text ?? string.Empty, now },
                        transaction,
                        cancellationToken: cancellationToken));
                }

                messageIds.Add(messageId);
            }

            var payload = JsonSerializer.Serialize(
                new OutboxPayload { Text = action.Text, TargetMessageId = action.TargetMessageId, Reaction = action.Reaction?.ToWire() },
                OutboxJsonContext.Default.OutboxPayload);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO outbox (idempotency_key, transport, conversation_id, kind, message_id, payload, delay_ms, state, next_attempt_at, created_at)
                VALUES (@Key, @transport, @conversationId, @kind, @messageId, @payload, @delayMs, 'queued', @now, @now)
                ON CONFLICT (idempotency_key) DO NOTHING
                """,
                new
                {
                    action.Key,
                    transport = conversation.Transport,
                    conversationId,
                    kind = OutboxKinds.Of(action.Kind),
                    messageId,
                    payload,
                    delayMs = (long)action.Delay.TotalMilliseconds,
                    now,
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (alsoWrite is not null)
        {
            await alsoWrite(new OutboxTransaction(connection, transaction, messageIds, now, cancellationToken));
        }

        if (completeQueueSeqs is not null)
        {
            await AgentQueueStore.CompleteAsync(connection, transaction, completeQueueSeqs, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return messageIds;
    }
}
