using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// An agent's second thoughts about its own messages: scheduled sends that wait for their time, sends
/// cancelled or rewritten before they go, and the edits and unsends of sent ones, whose outcome
/// changes the stored message.
/// </summary>
internal sealed partial class OutboxStore
{
    private const string CancelledBeforeSending = "The send was cancelled before it was handed to the transport.";

    /// <summary>Where a message's send stands, and what was already asked of it since.</summary>
    /// <param name="State">The send row's state (<see cref="OutboxStates"/>); null when no outbox row sent it.</param>
    /// <param name="Leased">A worker holds the row: it may be handed to the transport any moment.</param>
    /// <param name="SentAt">When the transport took it (Unix ms), once done.</param>
    /// <param name="Edits">Edits asked of it that were not refused (carried out, under way, or of unknown outcome).</param>
    /// <param name="Unsent">An unsend was asked of it and not refused.</param>
    /// <param name="UnsendRows">Every unsend asked of it, failed ones too.</param>
    internal sealed record MessageSend(string? State, bool Leased, long? SentAt, int Edits, bool Unsent, int UnsendRows);

    /// <summary>What the outbox knows of message <paramref name="messageId"/>'s send and its changes.</summary>
    public async Task<MessageSend> SendOfAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Kind, string State, long? LeaseUntil, long? DoneAt)>(new CommandDefinition(
            "SELECT kind, state, lease_until, done_at FROM outbox WHERE message_id = @messageId ORDER BY id",
            new { messageId },
            cancellationToken: cancellationToken))).ToList();
        var send = rows.FirstOrDefault(row => row.Kind == OutboxKinds.Message);
        bool Counts((string Kind, string State, long? LeaseUntil, long? DoneAt) row) => row.State is not (OutboxStates.Failed or OutboxStates.Cancelled);
        return new MessageSend(
            send.Kind is null ? null : send.State,
            send.LeaseUntil > now,
            send.Kind is not null && send.State == OutboxStates.Done ? send.DoneAt : null,
            rows.Count(row => row.Kind == OutboxKinds.Edit && Counts(row)),
            rows.Any(row => row.Kind == OutboxKinds.Unsend && Counts(row)),
            rows.Count(row => row.Kind == OutboxKinds.Unsend));
    }

    /// <summary>
    /// Turns the scheduled rows that are due into queued ones. Each is written anew (a new id, the same
    /// key, payload and message), so it takes its place behind whatever its conversation queued while it
    /// waited, instead of jumping ahead of a row already in flight. Returns how many became queued.
    /// </summary>
    public async Task<int> PromoteDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // Look first: most claims find nothing scheduled (ix_outbox_scheduled).
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM outbox WHERE state = '{OutboxStates.Scheduled}' AND next_attempt_at <= @now)",
                new { now },
                cancellationToken: cancellationToken)))
            {
                return 0;
            }
        }

        return await PromoteDueAsync(now, cancellationToken);
    }

    /// <summary>The promotion without the look first, for a claim that has looked already (<see cref="ClaimAsync"/>).</summary>
    private Task<int> PromoteDueAsync(long now, CancellationToken cancellationToken) =>
        groupCommit.WriteOnSqliteAsync((connection, transaction, token) => PromoteAsync(connection, transaction, now, token), cancellationToken);

    private static async Task<int> PromoteAsync(DbConnection connection, DbTransaction transaction, long now, CancellationToken cancellationToken)
    {
        // DELETE … RETURNING takes each row once: on PostgreSQL a second node's promotion waits on the
        // row locks and then finds the rows gone, so a due send is queued exactly once.
        var due = (await connection.QueryAsync<ScheduledRow>(new CommandDefinition(
            $"""
            DELETE FROM outbox WHERE state = '{OutboxStates.Scheduled}' AND next_attempt_at <= @now
            RETURNING id AS Id, idempotency_key AS IdempotencyKey, transport AS Transport, conversation_id AS ConversationId, kind AS Kind,
                      message_id AS MessageId, payload AS Payload, delay_ms AS DelayMs, created_at AS CreatedAt, report_link AS ReportLink,
                      client_message_id AS ClientMessageId, redact_after_send AS RedactAfterSend, governor_exempt AS GovernorExempt
            """,
            new { now },
            transaction,
            cancellationToken: cancellationToken))).OrderBy(row => row.Id).ToList();
        foreach (var row in due)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO outbox (idempotency_key, transport, conversation_id, kind, message_id, payload, delay_ms, state, next_attempt_at, created_at,
                                    report_link, client_message_id, redact_after_send, governor_exempt)
                VALUES (@IdempotencyKey, @Transport, @ConversationId, @Kind, @MessageId, @Payload, @DelayMs, '{OutboxStates.Queued}', @now, @CreatedAt,
                        @ReportLink, @ClientMessageId, @RedactAfterSend, @GovernorExempt)
                """,
                new { row.IdempotencyKey, row.Transport, row.ConversationId, row.Kind, row.MessageId, row.Payload, row.DelayMs, now, row.CreatedAt, row.ReportLink, row.ClientMessageId, row.RedactAfterSend, row.GovernorExempt },
                transaction,
                cancellationToken: cancellationToken));
        }

        var messageIds = due.Where(row => row.MessageId is not null && row.Kind == OutboxKinds.Message).Select(row => row.MessageId!).ToArray();
        if (messageIds.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE messages SET state = '{MessageStates.Queued}', updated_at = @now WHERE state = '{MessageStates.Scheduled}' AND id {SqlDialect.InList(connection, "@messageIds")}",
                new { now, messageIds },
                transaction,
                cancellationToken: cancellationToken));
        }

        return due.Count;
    }

    /// <summary>
    /// Cancels message <paramref name="messageId"/>'s send while it is scheduled or queued: the row and
    /// the message become cancelled and the agent that asked hears <c>message.failed</c>. False when it
    /// is no longer cancellable (handed to the transport meanwhile, or ended). A worker that had already
    /// leased the row finds it gone when it marks it in flight, the one step before the transport.
    /// </summary>
    public async Task<bool> CancelAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (cancelled, link) = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
                    $"""
                    UPDATE outbox SET state = '{OutboxStates.Cancelled}', done_at = @now, last_error = @error, lease_owner = NULL, lease_until = NULL
                    WHERE message_id = @messageId AND kind = '{OutboxKinds.Message}' AND state IN ({OutboxStates.NotYetSent})
                    RETURNING id AS Id, idempotency_key AS IdempotencyKey, transport AS Transport, conversation_id AS ConversationId, '' AS ChatId,
                              kind AS Kind, message_id AS MessageId, payload AS Payload, delay_ms AS DelayMs, attempts AS Attempts
                    """,
                    new { messageId, now, error = CancelledBeforeSending },
                    transaction,
                    cancellationToken: token));
                if (row is null)
                {
                    return (false, (string?)null);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE messages SET state = '{MessageStates.Cancelled}', updated_at = @now WHERE id = @messageId",
                    new { messageId, now },
                    transaction,
                    cancellationToken: token));
                return (true, await FinishAsync(connection, transaction, row, AgentQueueKinds.MessageFailed, CancelledBeforeSending, now, token));
            },
            cancellationToken);
        NotifyReported(link);
        return cancelled;
    }

    /// <summary>
    /// Rewrites the text of message <paramref name="messageId"/> while its send is scheduled, or queued
    /// and not held by a worker: the person never saw the old text, so no history is kept.
    /// <paramref name="alsoWrite"/> writes the caller's rows in the same transaction. False when the send
    /// is no longer rewritable (a worker holds it, or it went).
    /// </summary>
    public async Task<bool> ReviseUnsentAsync(string messageId, string text, Func<OutboxTransaction, Task>? alsoWrite, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Payload)?>(new CommandDefinition(
                    $"SELECT id, payload FROM outbox WHERE message_id = @messageId AND kind = '{OutboxKinds.Message}' AND state IN ({OutboxStates.NotYetSent})",
                    new { messageId },
                    transaction,
                    cancellationToken: token));
                if (row is not { } send)
                {
                    return false;
                }

                var payload = JsonSerializer.Deserialize(send.Payload, OutboxJsonContext.Wire.OutboxPayload) ?? new OutboxPayload();
                var revised = JsonSerializer.Serialize(payload with { Text = text }, OutboxJsonContext.Wire.OutboxPayload);
                // The payload read above must still be the row's, and no worker may hold it: a worker reads
                // the payload when it leases the row, so a change after that would not be the text sent.
                var changed = await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE outbox SET payload = @revised
                    WHERE id = @Id AND payload = @Payload AND state IN ({OutboxStates.NotYetSent}) AND (lease_until IS NULL OR lease_until <= @now)
                    """,
                    new { send.Id, send.Payload, revised, now },
                    transaction,
                    cancellationToken: token));
                if (changed == 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE messages SET body = @text, updated_at = @now WHERE id = @messageId",
                    new { messageId, text, now },
                    transaction,
                    cancellationToken: token));
                if (alsoWrite is not null)
                {
                    await alsoWrite(new OutboxTransaction(connection, transaction, [messageId], now, token));
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>The report a carried-out row gives the agent that asked.</summary>
    private static string DoneReport(string kind) => kind switch
    {
        OutboxKinds.Edit => AgentQueueKinds.MessageEdited,
        OutboxKinds.Unsend => AgentQueueKinds.MessageUnsent,
        _ => AgentQueueKinds.MessageSent,
    };

    /// <summary>An edit or unsend the transport carried out: the stored message follows (<see cref="MessageRevisions"/>).</summary>
    private static async Task ReviseSentAsync(DbConnection connection, DbTransaction transaction, OutboxRow row, long now, CancellationToken cancellationToken)
    {
        if (row.Kind == OutboxKinds.Unsend)
        {
            await MessageRevisions.UnsendAsync(connection, transaction, row.MessageId!, now, cancellationToken);
            return;
        }

        var payload = JsonSerializer.Deserialize(row.Payload, OutboxJsonContext.Wire.OutboxPayload);
        await MessageRevisions.EditAsync(connection, transaction, row.MessageId!, payload?.Text ?? string.Empty, now, cancellationToken);
    }

    private sealed record ScheduledRow
    {
        public long Id { get; init; }
        public string IdempotencyKey { get; init; } = string.Empty;
        public string Transport { get; init; } = string.Empty;
        public string ConversationId { get; init; } = string.Empty;
        public string Kind { get; init; } = string.Empty;
        public string? MessageId { get; init; }
        public string Payload { get; init; } = string.Empty;
        public long DelayMs { get; init; }
        public long CreatedAt { get; init; }
        public string? ReportLink { get; init; }
        public string? ClientMessageId { get; init; }
        public bool RedactAfterSend { get; init; }
        public bool GovernorExempt { get; init; }
    }
}
