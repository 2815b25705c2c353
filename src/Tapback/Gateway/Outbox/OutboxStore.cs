using Dapper;
using Microsoft.Extensions.Options;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// The outbox's state changes. Rows of a conversation are carried out strictly in order: a worker
/// leases a conversation only when its oldest open row is queued and due, and takes all its queued rows.
/// Every change a worker makes to a leased row names the claim's lease owner (<see cref="OutboxRow.LeaseOwner"/>)
/// and does nothing once another claim holds the row: a worker whose lease ran out may still be working
/// from its copy of the rows, and what it does then must not count (it would send a row a second time).
/// </summary>
internal sealed partial class OutboxStore(Database database, GroupCommit groupCommit, AgentLinkSignals linkSignals, IOptions<OutboxOptions> options, TimeProvider time)
{
    private const int MaxBatch = 50;

    // How many of the oldest open rows the cheap head search looks at before stepping through every
    // open conversation: more than a few conversations' worth of a long answer's bubbles.
    private const int OldestOpenRows = 256;

    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // Scheduled sends that came due join their conversations' queues first, so this claim may take them.
        await PromoteDueAsync(cancellationToken);
        // Held sends whose release_at came are queued again too: the dispatcher asks the governor again.
        await RequeueDueHeldAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        // Look before beginning a claim (on SQLite it takes the writers' lock): most claims (polls, wake-ups) find nothing due.
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"""
            SELECT EXISTS (SELECT 1 FROM outbox
                           WHERE state IN ({OutboxStates.Claimable}) AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now))
            """,
            new { now },
            cancellationToken: cancellationToken)))
        {
            return [];
        }

        var leaseUntil = now + (long)lease.TotalMilliseconds;
        if (database.IsPostgres)
        {
            // The head row (the conversation's oldest open row) stands for its conversation: locking it
            // keeps a second node's claim off the conversation on PostgreSQL (see Database.BeginClaimAsync).
            await using var transaction = await Database.BeginClaimAsync(connection, cancellationToken);
            var rows = await LeaseAsync(connection, transaction, owner, now, leaseUntil, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows;
        }

        // SQLite's one writer: queue in the group commit instead of sleeping in SQLite's busy handler
        // (see AgentQueueStore.ClaimAsync).
        return await groupCommit.WriteAsync(
            (writer, transaction, token) => LeaseAsync(writer, transaction, owner, now, leaseUntil, token),
            cancellationToken: cancellationToken);
    }

    private static async Task<IReadOnlyList<OutboxRow>> LeaseAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string owner, long now, long leaseUntil, CancellationToken cancellationToken)
    {
        var conversationId = await OldestClaimableAsync(connection, transaction, HeadAmongOldestSql(connection), now, cancellationToken)
            ?? await OldestClaimableAsync(connection, transaction, HeadOfEveryConversationSql(connection), now, cancellationToken);
        if (conversationId is null)
        {
            return [];
        }

        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"""
            UPDATE outbox SET lease_owner = @owner, lease_until = @leaseUntil
            WHERE id IN (SELECT id FROM outbox WHERE conversation_id = @conversationId AND state IN ({OutboxStates.Claimable}) ORDER BY id LIMIT {MaxBatch})
            RETURNING id AS Id, lease_owner AS LeaseOwner, idempotency_key AS IdempotencyKey, transport AS Transport, conversation_id AS ConversationId,
                      '' AS ChatId, kind AS Kind, message_id AS MessageId, payload AS Payload, delay_ms AS DelayMs, attempts AS Attempts,
                      state AS State, attempted_at AS AttemptedAt, reconcile_attempts AS ReconcileAttempts, last_error AS LastError,
                      governor_exempt AS GovernorExempt
            """,
            new { owner, conversationId, leaseUntil },
            transaction,
            cancellationToken: cancellationToken))).OrderBy(row => row.Id).ToList();
        var chatId = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT chat_id FROM conversations WHERE id = @conversationId",
            new { conversationId },
            transaction,
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row with { ChatId = chatId! })];
    }

    private static Task<string?> OldestClaimableAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, long now, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, new { now }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The usual case, cheap whatever the backlog: the claimable head is among the oldest open rows
    /// (ix_outbox_open_order, in id order). Any older open row of a conversation found there is among
    /// them too, so its head is the lowest id it has there: a grouping of those rows, no lookup per row.
    /// When a burst answered 10,000 conversations at once, stepping through every open conversation
    /// instead took 33 ms per claim at 4,000 of them, inside SQLite's one writer (OutboxClaimPlanTests).
    /// SQLite's planner, without statistics, would rather read every open row by state and sort them,
    /// hence INDEXED BY; and CROSS JOIN, which SQLite never reorders, keeps the heads as the outer loop.
    /// </summary>
    internal static string HeadAmongOldestSql(System.Data.Common.DbConnection connection) =>
        $"""
        WITH oldest (id, conversation_id) AS (
            SELECT open_row.id, open_row.conversation_id FROM outbox open_row {SqlDialect.IndexedBy(connection, "ix_outbox_open_order")}
            WHERE open_row.state IN ({OutboxStates.Open})
            ORDER BY open_row.id LIMIT {OldestOpenRows}),
        heads (id) AS (SELECT min(oldest.id) FROM oldest GROUP BY oldest.conversation_id)
        SELECT head.conversation_id FROM heads
        CROSS JOIN outbox head
        WHERE head.id = heads.id
          AND head.state IN ({OutboxStates.Claimable}) AND head.next_attempt_at <= @now
          AND (head.lease_until IS NULL OR head.lease_until <= @now)
        ORDER BY head.id
        LIMIT 1
        {SqlDialect.ForUpdateSkipLocked(connection, "head")}
        """;

    /// <summary>
    /// When the oldest open rows hold no claimable head (one long conversation in flight, or every head
    /// among them waiting to retry): the conversations' heads, found by stepping from one open
    /// conversation to the next through ix_outbox_conversation_open, so the cost follows the number of
    /// open conversations, not of open rows. Checking every open row for being its conversation's head
    /// cost the backlog squared: most of a second per claim on PostgreSQL once one long conversation
    /// had queued a few thousand bubbles.
    /// </summary>
    private static string HeadOfEveryConversationSql(System.Data.Common.DbConnection connection) =>
        $"""
        WITH RECURSIVE open_conversations (conversation_id) AS (
            SELECT min(conversation_id) FROM outbox WHERE state IN ({OutboxStates.Open})
            UNION ALL
            SELECT (SELECT min(later.conversation_id) FROM outbox later
                    WHERE later.state IN ({OutboxStates.Open}) AND later.conversation_id > open_conversations.conversation_id)
            FROM open_conversations WHERE open_conversations.conversation_id IS NOT NULL),
        heads (id) AS (
            SELECT (SELECT min(first.id) FROM outbox first
                    WHERE first.conversation_id = open_conversations.conversation_id AND first.state IN ({OutboxStates.Open}))
            FROM open_conversations WHERE open_conversations.conversation_id IS NOT NULL)
        SELECT head.conversation_id FROM heads
        JOIN outbox head ON head.id = heads.id
        WHERE head.state IN ({OutboxStates.Claimable}) AND head.next_attempt_at <= @now
          AND (head.lease_until IS NULL OR head.lease_until <= @now)
        ORDER BY head.id
        LIMIT 1
        {SqlDialect.ForUpdateSkipLocked(connection, "head")}
        """;

    /// <summary>
    /// Records that the row is about to be handed to the transport: from here a crash leaves its outcome
    /// unknown. Only while the claim still holds the row in the state it was claimed in: a stale copy
    /// (another claim leased the row, or it ended or went to reconciling since) never goes out. The
    /// row's lease starts over, so a send that takes long is not taken for a crash while it runs.
    /// </summary>
    /// <remarks>
    /// This and <see cref="MarkDoneAsync"/> are two writes of every send; they share the group commit
    /// of the other writes waiting at the moment (each caller still resumes only after its COMMIT), so
    /// a busy outbox pays one commit and one hand-over of the write lock per batch, not per row.
    /// <paramref name="alsoWrite"/> (the send governor counting the send) writes in the same
    /// transaction, only when the row was marked: counting a send costs no commit of its own on the
    /// store path (issue 23), and a stale copy that sends nothing counts nothing.
    /// </remarks>
    public Task<bool> MarkInFlightAsync(
        OutboxRow row, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, long, CancellationToken, Task>? alsoWrite = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var leaseUntil = now + (long)options.Value.Lease.TotalMilliseconds;
        return groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var marked = await PreparedStatements.ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE outbox SET state = '{OutboxStates.InFlight}', attempts = attempts + 1, attempted_at = @now, lease_until = @leaseUntil WHERE id = @id AND lease_owner = @owner AND state = @state",
                    token,
                    ("@now", now),
                    ("@leaseUntil", leaseUntil),
                    ("@id", row.Id),
                    ("@owner", row.LeaseOwner),
                    ("@state", row.State)) == 1;
                if (marked && alsoWrite is not null)
                {
                    await alsoWrite(connection, transaction, now, token);
                }

                return marked;
            },
            cancellationToken: cancellationToken);
    }

    public async Task MarkDoneAsync(OutboxRow row, string? providerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var reportTo = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                await PreparedStatements.ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE outbox SET state = '{OutboxStates.Done}', done_at = @now, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = @id",
                    token,
                    ("@now", now),
                    ("@id", row.Id));
                if (row.MessageId is not null && row.Kind == OutboxKinds.Message)
                {
                    await PreparedStatements.ExecuteAsync(
                        connection,
                        transaction,
                        $"UPDATE messages SET state = '{MessageStates.Sent}', provider_id = coalesce(@providerId, provider_id), updated_at = @now WHERE id = @messageId",
                        token,
                        ("@providerId", providerId),
                        ("@now", now),
                        ("@messageId", row.MessageId));
                }
                else if (row.MessageId is not null && row.Kind is OutboxKinds.Edit or OutboxKinds.Unsend)
                {
                    await ReviseSentAsync(connection, transaction, row, now, token);
                }

                return await FinishAsync(connection, transaction, row, DoneReport(row.Kind), error: null, now, token);
            },
            cancellationToken: cancellationToken);
        NotifyReported(reportTo);
    }

    /// <summary>
    /// Puts the row back for a later try and frees the conversation's other leased rows, which wait
    /// behind it. Nothing when the claim no longer holds the row: a stale copy must not put back a row
    /// that went out, or ended, since (it would be sent again).
    /// </summary>
    public async Task ScheduleRetryAsync(OutboxRow row, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET state = '{OutboxStates.Queued}', next_attempt_at = @next, last_error = @error, lease_owner = NULL, lease_until = NULL WHERE id = @Id AND lease_owner = @LeaseOwner",
            new { row.Id, row.LeaseOwner, next = nextAttemptAt.ToUnixTimeMilliseconds(), error },
            transaction,
            cancellationToken: cancellationToken));
        await ReleaseAsync(connection, transaction, row.ConversationId, row.LeaseOwner, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends the row as failed, while the claim still holds it.</summary>
    public async Task MarkFailedAsync(OutboxRow row, string error, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var reportTo = await EndUnsentAsync(connection, transaction, row, row.LeaseOwner, OutboxStates.Failed, MessageStates.Failed, error, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        NotifyReported(reportTo);
    }

    /// <summary>Frees a conversation's rows this claim still holds (it is stopping, or must wait).</summary>
    public async Task ReleaseAsync(string conversationId, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginClaimAsync(connection, cancellationToken);
        await ReleaseAsync(connection, transaction, conversationId, owner, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ReleaseAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string conversationId, string owner, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE conversation_id = @conversationId AND lease_owner = @owner AND state IN ({OutboxStates.Claimable})",
            new { conversationId, owner },
            transaction,
            cancellationToken: cancellationToken));

    private async Task<bool> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }
}
