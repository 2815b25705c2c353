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
                var extra = (await PreparedStatements.QueryAsync(
                    connection,
                    transaction,
                    $"UPDATE outbox SET state = '{OutboxStates.Done}', done_at = @now, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = @id RETURNING {FinishingColumns}",
                    ReadFinishing,
                    token,
                    ("@now", now),
                    ("@id", row.Id)))[0];
                return await RecordDoneAsync(connection, transaction, row, providerId, now, extra, token);
            },
            cancellationToken: cancellationToken);
        NotifyReported(reportTo);
    }

    /// <summary>What a row's end as done changes besides the row: its message, and the report to the agent that asked.</summary>
    private static async Task<string?> RecordDoneAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, OutboxRow row, string? providerId, long now, Finishing extra, CancellationToken cancellationToken)
    {
        if (row.MessageId is not null && row.Kind == OutboxKinds.Message)
        {
            await PreparedStatements.ExecuteAsync(
                connection,
                transaction,
                $"UPDATE messages SET state = '{MessageStates.Sent}', provider_id = coalesce(@providerId, provider_id), updated_at = @now WHERE id = @messageId",
                cancellationToken,
                ("@providerId", providerId),
                ("@now", now),
                ("@messageId", row.MessageId));
        }
        else if (row.MessageId is not null && row.Kind is OutboxKinds.Edit or OutboxKinds.Unsend)
        {
            await ReviseSentAsync(connection, transaction, row, now, cancellationToken);
        }

        return await FinishAsync(connection, transaction, row, DoneReport(row.Kind), error: null, now, extra, cancellationToken);
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
