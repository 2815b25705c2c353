using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Conversations;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// How agents act: their actions become outbox rows (and outbound messages) in one transaction, which
/// can also complete the agent-queue rows they answer. A crash before the commit leaves the queue rows
/// pending, so the turn runs again; after it, the dispatcher finishes what the rows say.
/// </summary>
internal sealed class OutboxWriter(GroupCommit groupCommit, ConversationReader conversations, OutboxSignal signal, StoreSendsAtWrite atWrite, TimeProvider time)
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
        return await WriteAsync(conversation, actions, completeQueueSeqs, alsoWrite, cancellationToken);
    }

    /// <summary>
    /// The same, for a caller that already holds the conversation (a turn, which leases it): one read
    /// fewer per write. On SQLite the write shares the group commit of the other writes waiting at that moment
    /// and returns after its COMMIT; <paramref name="alsoWrite"/> must write only through the
    /// transaction it is given.
    /// </summary>
    public Task<IReadOnlyList<string>> WriteAsync(
        Conversation conversation,
        IReadOnlyList<AgentAction> actions,
        IEnumerable<long>? completeQueueSeqs = null,
        Func<OutboxTransaction, Task>? alsoWrite = null,
        CancellationToken cancellationToken = default) =>
        WriteAsync(conversation, actions, completeQueueSeqs, alsoWrite, carryOutAtWrite: false, cancellationToken);

    /// <summary>
    /// The same; with <paramref name="carryOutAtWrite"/> the leading rows a transport of the store
    /// carries out are carried out in this write, where <see cref="StoreSendsAtWrite"/> allows it (a
    /// turn's opening and answer on the simulator): the dispatcher then has nothing to claim for them.
    /// </summary>
    public async Task<IReadOnlyList<string>> WriteAsync(
        Conversation conversation,
        IReadOnlyList<AgentAction> actions,
        IEnumerable<long>? completeQueueSeqs,
        Func<OutboxTransaction, Task>? alsoWrite,
        bool carryOutAtWrite,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var seqs = completeQueueSeqs?.ToArray();
        var run = carryOutAtWrite ? await atWrite.PlanAsync(conversation, actions, cancellationToken) : null;

        async Task<IReadOnlyList<string>> WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken token)
        {
            if (run is not null)
            {
                await run.BeginAsync(connection, transaction, conversation.Id, token);
            }

            var ids = await OutboxWriter.WriteAsync(connection, transaction, conversation.Id, conversation.Transport, actions, now, run, token);
            if (alsoWrite is not null)
            {
                await alsoWrite(new OutboxTransaction(connection, transaction, ids, now, token));
            }

            if (seqs is { Length: > 0 })
            {
                await AgentQueueStore.CompleteAsync(connection, transaction, seqs, now, token);
            }

            return ids;
        }

        if (run is null)
        {
            var messageIds = await groupCommit.WriteOnSqliteAsync(WriteAsync, cancellationToken: cancellationToken);
            signal.Notify();
            return messageIds;
        }

        // SQLite only (StoreSendsAtWrite.PlanAsync): a unit of the group commit, whose phone lines show after its COMMIT.
        var written = await groupCommit.WriteAsync(WriteAsync, _ => run.Publish(), cancellationToken);
        run.Count();
        run.Links.ForEach(atWrite.NotifyReported);
        if (run.Carried < actions.Count)
        {
            signal.Notify();
        }

        return written;
    }

    /// <summary>
    /// Writes the actions inside the caller's transaction (the inbox answering <c>/setup</c> in the
    /// same transaction that stores it). The caller notifies <see cref="OutboxSignal"/> after commit.
    /// </summary>
    public static Task<IReadOnlyList<string>> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string conversationId,
        string transport,
        IReadOnlyList<AgentAction> actions,
        long now,
        CancellationToken cancellationToken) =>
        WriteAsync(connection, transaction, conversationId, transport, actions, now, run: null, cancellationToken);

    private static async Task<IReadOnlyList<string>> WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string conversationId,
        string transport,
        IReadOnlyList<AgentAction> actions,
        long now,
        StoreSendsAtWrite.Run? run,
        CancellationToken cancellationToken)
    {
        var messageIds = new List<string>();
        for (var index = 0; index < actions.Count; index++)
        {
            var action = actions[index];
            var planned = run?.At(index);
            string? messageId = null;
            IReadOnlyList<string>? attachmentIds = null;
            if (action.Kind == AgentActionKind.Message)
            {
                // A repeated key must not create a second message: reuse the first one's id.
                messageId = await PreparedStatements.ScalarAsync<string?>(
                    connection,
                    transaction,
                    "SELECT message_id FROM outbox WHERE idempotency_key = @key",
                    cancellationToken,
                    ("@key", action.Key));
                if (messageId is null)
                {
                    messageId = planned?.Row.MessageId ?? Ids.New("msg");
                    await InsertMessageAsync(connection, transaction, conversationId, transport, messageId, action, planned?.Send, now, cancellationToken);
                }
                else if (planned is not null)
                {
                    // Written before (a turn run again after a crash): the row is there too, and the dispatcher has it.
                    run!.Stop();
                    planned = null;
                }

                attachmentIds = [.. action.Attachments.Select((_, index) => AttachmentId(messageId, index))];
                messageIds.Add(messageId);
            }
            else if (action.Kind is AgentActionKind.Edit or AgentActionKind.Unsend)
            {
                // The message changed, so its edits and unsends are found with it (ix_outbox_message).
                messageId = action.TargetMessageId;
            }

            var payload = planned?.Row.Payload ?? JsonSerializer.Serialize(PayloadOf(action, attachmentIds), OutboxJsonContext.Wire.OutboxPayload);

            // A row carried out in this write is stored as its end leaves it: done, tried once, with no lease.
            var inserted = await PreparedStatements.ExecuteAsync(
                connection,
                transaction,
                $"""
                INSERT INTO outbox (idempotency_key, transport, conversation_id, kind, message_id, payload, delay_ms, state, next_attempt_at, created_at,
                                    report_link, client_message_id, redact_after_send, governor_exempt, attempts, attempted_at, done_at)
                VALUES (@key, @transport, @conversationId, @kind, @messageId, @payload, @delayMs, @state, @due, @now,
                        @reportTo, @clientMessageId, @redact, @exempt, @attempts, @doneAt, @doneAt)
                ON CONFLICT (idempotency_key) DO NOTHING
                """,
                cancellationToken,
                ("@key", action.Key),
                ("@transport", transport),
                ("@conversationId", conversationId),
                ("@kind", OutboxKinds.Of(action.Kind)),
                ("@messageId", messageId),
                ("@payload", payload),
                ("@delayMs", (long)action.Delay.TotalMilliseconds),
                ("@now", now),
                ("@state", planned is not null ? OutboxStates.Done : action.DueAt is null ? OutboxStates.Queued : OutboxStates.Scheduled),
                ("@due", action.DueAt?.ToUnixTimeMilliseconds() ?? now),
                ("@attempts", planned is not null ? 1L : 0L),
                ("@doneAt", planned is not null ? (long?)now : null),
                ("@reportTo", action.ReportTo),
                ("@clientMessageId", action.ClientMessageId),
                ("@redact", action.RedactedText is not null),
                ("@exempt", action.GovernorExempt));
            if (planned is not null && inserted == 1)
            {
                await run!.CarryOutAsync(connection, transaction, planned, now, cancellationToken);
            }
            else
            {
                if (planned is not null && action.Kind == AgentActionKind.Message)
                {
                    // The key was taken by a row without this message (another kind's): not carried out, so not sent.
                    await PreparedStatements.ExecuteAsync(
                        connection,
                        transaction,
                        $"UPDATE messages SET state = '{MessageStates.Queued}', provider_id = NULL WHERE id = @messageId",
                        cancellationToken,
                        ("@messageId", messageId));
                }

                run?.Stop();
            }
        }

        return messageIds;
    }

    /// <summary>What the row carries beyond its columns (the one place it is made).</summary>
    internal static OutboxPayload PayloadOf(AgentAction action, IReadOnlyList<string>? attachmentIds) => new()
    {
        Text = action.VoiceNote ? null : action.Text,
        TargetMessageId = action.TargetMessageId,
        Reaction = action.Reaction?.ToWire(),
        AttachmentIds = attachmentIds is { Count: > 0 } ? attachmentIds : null,
        RedactedText = action.RedactedText,
        ReplyTo = action.ReplyTo,
        Effect = action.Effect?.ToWire(),
        VoiceNote = action.VoiceNote ? true : null,
    };

    private static string AttachmentId(string messageId, int index) =>
        Ids.Derived("att", messageId, index.ToString(CultureInfo.InvariantCulture));

    // A message whose row is carried out in this write (carriedOut: StoreSendsAtWrite) is inserted as
    // its end leaves it, sent with its provider id, instead of queued and updated a few statements later
    // in the same transaction: one statement and one rewrite of the row fewer per bubble.
    private static async Task InsertMessageAsync(
        DbConnection connection, DbTransaction transaction, string conversationId, string transport, string messageId, AgentAction action, StoreSend? carriedOut, long now, CancellationToken cancellationToken)
    {
        var state = carriedOut is not null ? MessageStates.Sent : action.DueAt is null ? MessageStates.Queued : MessageStates.Scheduled;
        await PreparedStatements.ExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO messages (id, conversation_id, direction, sender, body, state, reply_to, effect, provider_id, created_at, updated_at)
            VALUES (@messageId, @conversationId, '{MessageDirections.Outbound}', @sender, @body, @state, @replyTo, @effect, @providerId, @now, @now)
            """,
            cancellationToken,
            ("@providerId", carriedOut?.ProviderId),
            ("@messageId", messageId),
            ("@conversationId", conversationId),
            ("@sender", transport),
            ("@body", action.Text ?? string.Empty),
            ("@replyTo", action.ReplyTo),
            ("@effect", action.Effect?.ToWire()),
            ("@state", state),
            ("@now", now));
        await AttachmentRows.InsertAsync(connection, transaction, messageId, action.Attachments, (_, position) => AttachmentId(messageId, position), now, cancellationToken);
    }
}
