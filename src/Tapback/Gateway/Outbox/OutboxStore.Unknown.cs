using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Sends whose outcome is unknown: a crash while a row was in flight, or a timeout after the request
/// may have reached the provider. None is blindly repeated: it is sent again only where the provider
/// drops repeats, reconciled where the provider can be asked, and otherwise reported.
/// </summary>
internal sealed partial class OutboxStore
{
    private const string UnknownAfterCrash = "The process stopped while this was being sent; its outcome is unknown, so it was not sent again.";

    /// <summary>True when several nodes may share the store (PostgreSQL): recovery then runs again and again.</summary>
    public bool IsShared => database.IsPostgres;

    /// <summary>
    /// Settles rows whose lease is gone: expired, or freed by the node rule (<see cref="Nodes.NodeLeases"/>)
    /// because the process that held it is gone (at this node's start, its own earlier incarnation; on
    /// SQLite, every earlier one). A row caught in flight there has an unknown outcome. On a shared
    /// store another node may die at any time, so the dispatcher runs this every quarter lease there.
    /// </summary>
    public async Task<(int Requeued, int Reconciling, int Unknown)> RecoverAfterRestartAsync(Func<string, OutboxRecovery> recoveryOf, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        // On a shared store this runs every few seconds: look before taking the writers' lock. A row in
        // flight without any lease has no one to finish it either.
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"""
            SELECT EXISTS (SELECT 1 FROM outbox WHERE lease_owner IS NOT NULL AND lease_until <= @now)
                OR EXISTS (SELECT 1 FROM outbox WHERE state IN ({OutboxStates.Open}) AND state = '{OutboxStates.InFlight}' AND lease_until IS NULL)
            """,
            new { now },
            cancellationToken: cancellationToken)))
        {
            return (0, 0, 0);
        }

        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var inFlight = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, idempotency_key AS IdempotencyKey, transport AS Transport, conversation_id AS ConversationId, '' AS ChatId,
                   kind AS Kind, message_id AS MessageId, payload AS Payload, delay_ms AS DelayMs, attempts AS Attempts
            FROM outbox WHERE state IN ({OutboxStates.Open}) AND state = '{OutboxStates.InFlight}' AND (lease_until IS NULL OR lease_until <= @now)
            """,
            new { now },
            transaction: transaction,
            cancellationToken: cancellationToken))).ToList();
        var requeued = 0;
        var reconciling = 0;
        var reportTo = new List<string>();
        foreach (var row in inFlight)
        {
            // Typing, read receipts and tapbacks repeat harmlessly; only a bubble must never arrive twice.
            var recovery = row.Kind == OutboxKinds.Message ? recoveryOf(row.Transport) : OutboxRecovery.SendAgain;
            switch (recovery)
            {
                case OutboxRecovery.SendAgain:
                    await SetStateAsync(connection, transaction, row.Id, OutboxStates.Queued, now, cancellationToken);
                    requeued++;
                    break;
                case OutboxRecovery.Reconcile:
                    await SetStateAsync(connection, transaction, row.Id, OutboxStates.Reconciling, now, cancellationToken);
                    reconciling++;
                    break;
                default:
                    if (await MarkUnknownAsync(connection, transaction, row, owner: null, UnknownAfterCrash, now, cancellationToken) is { } link)
                    {
                        reportTo.Add(link);
                    }

                    break;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL AND lease_until <= @now",
            new { now },
            transaction: transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        reportTo.ForEach(NotifyReported);
        return (requeued, reconciling, inFlight.Count - requeued - reconciling);
    }

    /// <summary>
    /// Parks a send for reconciliation at <paramref name="checkAt"/>; the conversation waits behind it.
    /// A null <paramref name="reason"/> keeps the last one (the provider's words, for a final failure).
    /// Nothing when the claim no longer holds the row.
    /// </summary>
    public async Task MarkReconcilingAsync(OutboxRow row, DateTimeOffset checkAt, string? reason, bool countAttempt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE outbox SET state = '{OutboxStates.Reconciling}', next_attempt_at = @next, last_error = coalesce(@reason, last_error), lease_owner = NULL, lease_until = NULL,
                              reconcile_attempts = reconcile_attempts + @increment
            WHERE id = @Id AND lease_owner = @LeaseOwner
            """,
            new { row.Id, row.LeaseOwner, next = checkAt.ToUnixTimeMilliseconds(), reason, increment = countAttempt ? 1 : 0 },
            transaction,
            cancellationToken: cancellationToken));
        await ReleaseAsync(connection, transaction, row.ConversationId, row.LeaseOwner, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A reconciled send the provider never saw: back to queued, to be sent with the same key.</summary>
    public Task<bool> MarkNotSentAsync(OutboxRow row, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            $"UPDATE outbox SET state = '{OutboxStates.Queued}' WHERE id = @Id AND lease_owner = @LeaseOwner AND state = '{OutboxStates.Reconciling}'",
            new { row.Id, row.LeaseOwner },
            cancellationToken);

    /// <summary>
    /// Gives up on knowing: the row and its message become unknown and the agent that asked is told it
    /// failed. Nothing when the claim no longer holds the row (whoever took it over settles it).
    /// </summary>
    public async Task MarkUnknownAsync(OutboxRow row, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var link = await MarkUnknownAsync(connection, transaction, row, row.LeaseOwner, reason, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        NotifyReported(link);
    }

    private static Task<string?> MarkUnknownAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, OutboxRow row, string? owner, string reason, long now, CancellationToken cancellationToken) =>
        EndUnsentAsync(connection, transaction, row, owner, OutboxStates.Unknown, MessageStates.Unknown, reason, now, cancellationToken);

    /// <summary>
    /// Ends a row that was not (or not knowably) carried out, failed or unknown: the row and its
    /// message take that state, and the agent that asked hears message.failed with the reason. With an
    /// <paramref name="owner"/>, only while that claim holds the row (recovery, which settles rows whose
    /// lease is gone, passes none); returns null when it did nothing.
    /// </summary>
    private static async Task<string?> EndUnsentAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, OutboxRow row, string? owner, string state, string messageState, string error, long now, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox SET state = @state, done_at = @now, last_error = @error, lease_owner = NULL, lease_until = NULL WHERE id = @Id{(owner is null ? "" : " AND lease_owner = @owner")}",
            new { row.Id, state, now, error, owner },
            transaction,
            cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        if (row.MessageId is not null && row.Kind == OutboxKinds.Message)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET state = @messageState, updated_at = @now WHERE id = @MessageId",
                new { row.MessageId, messageState, now },
                transaction,
                cancellationToken: cancellationToken));
        }

        return await FinishAsync(connection, transaction, row, AgentQueueKinds.MessageFailed, error, now, cancellationToken);
    }

    private static Task<int> SetStateAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long id, string state, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET state = @state, next_attempt_at = @now WHERE id = @id",
            new { id, state, now },
            transaction,
            cancellationToken: cancellationToken));
}
