using Dapper;
using Tapback.Agent.Tools;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Routing;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Agent.Approvals;

/// <summary>
/// The approvals table. A decision is a conditional update from <c>pending</c>, so a tapback, a typed
/// answer and the expiry sweep racing for one approval record exactly one decision. Writes go in the
/// group commit on SQLite: a transaction of their own waited in SQLite's sleeping busy handler behind
/// the inbound batches.
/// </summary>
internal sealed class ApprovalStore(Database database, GroupCommit groupCommit, AgentQueueSignal queueSignal, TimeProvider time)
{
    /// <summary>The agent-queue kind that wakes the built-in agent when approvals expired.</summary>
    public const string ExpiredQueueKind = "approval_expired";

    private const string Columns =
        """
        id AS Id, paused_turn_id AS PausedTurnId, conversation_id AS ConversationId, bubble_message_id AS BubbleMessageId,
        request_id AS RequestId, call_id AS CallId, tool_name AS ToolName, arguments AS Arguments, state AS State,
        decided_by AS DecidedBy, decided_by_seq AS DecidedBySeq, expires_at AS ExpiresAt
        """;

    public static Task InsertAsync(OutboxTransaction write, Approval approval, string? sessionId) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO approvals (id, paused_turn_id, conversation_id, session_id, bubble_message_id, request_id, call_id, tool_name, arguments, state, expires_at, created_at)
            VALUES (@Id, @PausedTurnId, @ConversationId, @sessionId, @BubbleMessageId, @RequestId, @CallId, @ToolName, @Arguments, '{ApprovalStates.Pending}', @ExpiresAt, @now)
            """,
            new { approval.Id, approval.PausedTurnId, approval.ConversationId, sessionId, approval.BubbleMessageId, approval.RequestId, approval.CallId, approval.ToolName, approval.Arguments, approval.ExpiresAt, now = write.Now },
            write.Transaction,
            cancellationToken: write.CancellationToken));

    /// <summary>Ends every approval of a paused turn still pending, e.g. after <c>/clear</c>.</summary>
    public static Task CancelPendingAsync(OutboxTransaction write, string pausedTurnId, string decidedBy) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE approvals SET state = '{ApprovalStates.Cancelled}', decided_by = @decidedBy, decided_at = @now WHERE paused_turn_id = @pausedTurnId AND state = '{ApprovalStates.Pending}'",
            new { pausedTurnId, decidedBy, now = write.Now },
            write.Transaction,
            cancellationToken: write.CancellationToken));

    public async Task<IReadOnlyList<Approval>> ListAsync(string pausedTurnId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Approval>(new CommandDefinition(
            $"SELECT {Columns} FROM approvals WHERE paused_turn_id = @pausedTurnId ORDER BY created_at, rowid",
            new { pausedTurnId },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Records a decision if the approval is still pending; false when someone decided first.</summary>
    public async Task<bool> DecideAsync(string approvalId, string state, string decidedBy, long? queueSeq, CancellationToken cancellationToken = default)
    {
        var changed = await groupCommit.ExecuteAsync(
            $"""
            UPDATE approvals SET state = @state, decided_by = @decidedBy, decided_by_seq = @queueSeq, decided_at = @now
            WHERE id = @approvalId AND state = '{ApprovalStates.Pending}'
            """,
            new { approvalId, state, decidedBy, queueSeq, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// Expires every pending approval past its time and queues one wake-up per conversation for the
    /// built-in agent, in one transaction: the agent then tells the person, in order with its other work.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expired = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var rows = (await connection.QueryAsync<(string ConversationId, string BubbleMessageId)>(new CommandDefinition(
                    $"""
                    UPDATE approvals SET state = '{ApprovalStates.Expired}', decided_by = 'expiry', decided_at = @now
                    WHERE state = '{ApprovalStates.Pending}' AND expires_at <= @now
                    RETURNING conversation_id, bubble_message_id
                    """,
                    new { now },
                    transaction,
                    cancellationToken: token))).ToList();
                foreach (var conversation in rows.GroupBy(row => row.ConversationId))
                {
                    await AgentQueueStore.EnqueueAsync(
                        connection, transaction, AgentLinks.BuiltIn, conversation.Key, ExpiredQueueKind, conversation.First().BubbleMessageId, null, now, token);
                }

                return rows.Count;
            },
            cancellationToken);
        if (expired > 0)
        {
            queueSignal.Notify();
        }

        return expired;
    }

    /// <summary>Expires the paused turn's pending approvals that are past their time (the turn saw it before the sweep).</summary>
    public async Task ExpireDueAsync(string pausedTurnId, CancellationToken cancellationToken = default)
    {
        await groupCommit.ExecuteAsync(
            $"UPDATE approvals SET state = '{ApprovalStates.Expired}', decided_by = 'expiry', decided_at = @now WHERE paused_turn_id = @pausedTurnId AND state = '{ApprovalStates.Pending}' AND expires_at <= @now",
            new { pausedTurnId, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);
    }
}
