using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Governor;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Rows the send governor (Gateway/Governor) holds. A held row keeps its place: it is open, so what
/// its conversation queued after it waits behind it, and releasing it only makes it queued again (the
/// dispatcher asks the governor once more before it goes). The governor decides; the rows are written here.
/// A hold's detail (the sentence naming the limit) is kept in <c>last_error</c>, the column that says
/// why a row has not gone yet; its reason in <c>held_reason</c>.
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
            (connection, transaction, token) => ReleaseHeldAsync(connection, transaction, conversationId, [reason], now, token),
            cancellationToken);
    }

    /// <summary>The same for any of <paramref name="reasons"/>, inside the caller's transaction (the inbox storing the person's message).</summary>
    public static Task<int> ReleaseHeldAsync(DbConnection connection, DbTransaction transaction, string conversationId, string[] reasons, long now, CancellationToken cancellationToken) =>
        // Runs for every person's message and nearly always finds nothing: its SQL text depends only on
        // how many reasons, so it stays prepared on the group-commit writer (PreparedStatements).
        RequeueHeldAsync(
            connection,
            transaction,
            ReleaseHeldSql(reasons.Length),
            [("@conversationId", conversationId), .. reasons.Select((reason, index) => (ReasonParameter(index), (object?)reason))],
            now,
            cancellationToken);

    // The release's text for a number of reasons, built once: it runs for every person's message, and
    // building its text again each time was a share of that statement's cost.
    private static readonly string[] ReleaseHeldSqls = [.. Enumerable.Range(0, 4).Select(BuildReleaseHeldSql)];

    private static string ReleaseHeldSql(int reasons) =>
        reasons < ReleaseHeldSqls.Length ? ReleaseHeldSqls[reasons] : BuildReleaseHeldSql(reasons);

    private static string BuildReleaseHeldSql(int reasons) =>
        RequeueSql($"conversation_id = @conversationId AND state IN ({OutboxStates.Open}) AND held_reason IN ({string.Join(", ", Enumerable.Range(0, reasons).Select(ReasonParameter))})");

    private static string ReasonParameter(int index) => index switch
    {
        0 => "@reason0",
        1 => "@reason1",
        _ => $"@reason{index}",
    };

    /// <summary>
    /// Holds a leased row for <paramref name="decision"/>'s reason, in one write: the row becomes held
    /// (its lease and the conversation's other leased rows freed, so they wait behind it), its message
    /// held, and the agent that asked hears <c>message.held</c>, only when this reason is new for the
    /// row (a row released and held again for the same reason was already reported). False when the
    /// claim no longer holds the row as it read it (cancelled, taken over): nothing is written.
    /// </summary>
    public async Task<bool> HoldAsync(OutboxRow row, HoldDecision decision, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (held, link) = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var before = await connection.QuerySingleOrDefaultAsync<(string? HeldReason, string? ReportLink, string? ClientMessageId)?>(new CommandDefinition(
                    "SELECT held_reason, report_link, client_message_id FROM outbox WHERE id = @Id AND lease_owner = @LeaseOwner AND state = @State",
                    new { row.Id, row.LeaseOwner, row.State },
                    transaction,
                    cancellationToken: token));
                if (before is not { } previous)
                {
                    return (false, (string?)null);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE outbox SET state = '{OutboxStates.Held}', held_reason = @Reason, last_error = @Detail, held_at = @now, release_at = @releaseAt,
                                      lease_owner = NULL, lease_until = NULL
                    WHERE id = @id
                    """,
                    new { decision.Reason, decision.Detail, now, releaseAt = decision.ReleaseAt?.ToUnixTimeMilliseconds(), id = row.Id },
                    transaction,
                    cancellationToken: token));
                await ReleaseAsync(connection, transaction, row.ConversationId, row.LeaseOwner, token);
                if (row.MessageId is not null)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE messages SET state = '{MessageStates.Held}', updated_at = @now WHERE id = @MessageId",
                        new { row.MessageId, now },
                        transaction,
                        cancellationToken: token));
                }

                if (previous.HeldReason == decision.Reason || previous.ReportLink is null)
                {
                    return (true, (string?)null);
                }

                var report = JsonSerializer.Serialize(
                    new AgentQueuePayload { ClientMessageId = previous.ClientMessageId, Reason = decision.Reason, Detail = decision.Detail },
                    AgentQueueJsonContext.Wire.AgentQueuePayload);
                await AgentQueueStore.EnqueueAsync(connection, transaction, previous.ReportLink, row.ConversationId, AgentQueueKinds.MessageHeld, row.MessageId, null, report, now, token);
                return (true, previous.ReportLink);
            },
            cancellationToken);
        NotifyReported(link);
        return held;
    }

    /// <summary>
    /// Queues again the held rows whose <c>release_at</c> came (a rate window freed up), so the claim
    /// may take them and the dispatcher ask the governor again. The claim looks first (ix_outbox_held):
    /// most claims find none (<see cref="ClaimAsync"/>).
    /// </summary>
    private Task<int> RequeueDueHeldAsync(long now, CancellationToken cancellationToken) =>
        groupCommit.WriteOnSqliteAsync(
            (connection, transaction, token) => RequeueHeldAsync(connection, transaction, RequeueDueSql, [], now, token),
            cancellationToken);

    private static readonly string RequeueDueSql = RequeueSql("release_at <= @now");

    /// <summary>Queues again the held rows <paramref name="which"/> names, returning their messages' ids.</summary>
    private static string RequeueSql(string which) =>
        $"""
        UPDATE outbox SET state = '{OutboxStates.Queued}', release_at = NULL, next_attempt_at = @now
        WHERE state = '{OutboxStates.Held}' AND {which}
        RETURNING message_id
        """;

    private static async Task<int> RequeueHeldAsync(
        DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value)[] parameters, long now, CancellationToken cancellationToken)
    {
        var messageIds = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            sql,
            row => row.IsDBNull(0) ? null : row.GetString(0),
            cancellationToken,
            [("@now", now), .. parameters]);
        await SetMessagesQueuedAsync(connection, transaction, messageIds.OfType<string>().ToArray(), now, cancellationToken);
        return messageIds.Count;
    }

    private static async Task SetMessagesQueuedAsync(DbConnection connection, DbTransaction transaction, string[] sends, long now, CancellationToken cancellationToken)
    {
        if (sends.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE messages SET state = '{MessageStates.Queued}', updated_at = @now WHERE state = '{MessageStates.Held}' AND id {SqlDialect.InList(connection, "@sends")}",
                new { sends, now },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>An operator's release: the message's held send is queued again and exempt from the governor from now on (never held again).</summary>
    public async Task<HeldChange> ReleaseHeldMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var state = await HeldSendStateAsync(connection, transaction, messageId, token);
                if (state != OutboxStates.Held)
                {
                    return state is null ? HeldChange.Unknown : HeldChange.NotHeld;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    UPDATE outbox SET state = '{OutboxStates.Queued}', governor_exempt = TRUE, release_at = NULL, next_attempt_at = @now
                    WHERE message_id = @messageId AND kind = '{OutboxKinds.Message}' AND state = '{OutboxStates.Held}'
                    """,
                    new { messageId, now },
                    transaction,
                    cancellationToken: token));
                await SetMessagesQueuedAsync(connection, transaction, [messageId], now, token);
                return HeldChange.Done;
            },
            cancellationToken);
    }

    /// <summary>
    /// An operator's discard: the held send ends failed, and the agent that asked hears
    /// <c>message.failed</c> with <paramref name="error"/> (which names the hold's reason).
    /// </summary>
    public async Task<HeldChange> DiscardHeldMessageAsync(string messageId, Func<string?, string> error, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (change, link) = await groupCommit.WriteOnSqliteAsync(
            async (connection, transaction, token) =>
            {
                var state = await HeldSendStateAsync(connection, transaction, messageId, token);
                if (state != OutboxStates.Held)
                {
                    return (state is null ? HeldChange.Unknown : HeldChange.NotHeld, (string?)null);
                }

                var row = await connection.QuerySingleAsync<(long Id, string IdempotencyKey, string Transport, string ConversationId, string Payload, string? HeldReason)>(new CommandDefinition(
                    $"SELECT id, idempotency_key, transport, conversation_id, payload, held_reason FROM outbox WHERE message_id = @messageId AND kind = '{OutboxKinds.Message}' AND state = '{OutboxStates.Held}'",
                    new { messageId },
                    transaction,
                    cancellationToken: token));
                var outboxRow = new OutboxRow
                {
                    Id = row.Id, IdempotencyKey = row.IdempotencyKey, Transport = row.Transport, ConversationId = row.ConversationId, ChatId = string.Empty,
                    Kind = OutboxKinds.Message, MessageId = messageId, Payload = row.Payload, DelayMs = 0, Attempts = 0,
                };
                var link = await EndUnsentAsync(connection, transaction, outboxRow, owner: null, OutboxStates.Failed, MessageStates.Failed, error(row.HeldReason), now, token);
                return (HeldChange.Done, link);
            },
            cancellationToken);
        NotifyReported(link);
        return change;
    }

    /// <summary>The state of the send row of message <paramref name="messageId"/>; null when no row sends it.</summary>
    private static Task<string?> HeldSendStateAsync(DbConnection connection, DbTransaction transaction, string messageId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT state FROM outbox WHERE message_id = @messageId AND kind = '{OutboxKinds.Message}'",
            new { messageId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The held sends, oldest first, after the row <paramref name="afterId"/> (the list's cursor).</summary>
    public async Task<IReadOnlyList<HeldRow>> ListHeldAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<HeldRow>(new CommandDefinition(
            $"""
            SELECT o.id AS Id, o.message_id AS MessageId, o.conversation_id AS ConversationId, c.chat_id AS ChatId, o.report_link AS ReportLink,
                   o.transport AS Transport, o.held_reason AS Reason, o.last_error AS Detail, o.held_at AS HeldAt, o.release_at AS ReleaseAt, o.payload AS Payload
            FROM outbox o JOIN conversations c ON c.id = o.conversation_id
            WHERE o.state = '{OutboxStates.Held}' AND o.id > @afterId
            ORDER BY o.id
            LIMIT @limit
            """,
            new { afterId, limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>Why each of these messages' sends is held (reason and detail), for those that are.</summary>
    public async Task<IReadOnlyDictionary<string, (string Reason, string Detail)>> HoldsOfAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return new Dictionary<string, (string, string)>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string MessageId, string? Reason, string? Detail)>(new CommandDefinition(
            $"SELECT message_id, held_reason, last_error FROM outbox WHERE kind = '{OutboxKinds.Message}' AND state = '{OutboxStates.Held}' AND message_id {SqlDialect.InList(connection, "@messageIds")}",
            new { messageIds = messageIds.ToArray() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.MessageId, row => (row.Reason ?? string.Empty, row.Detail ?? string.Empty), StringComparer.Ordinal);
    }

    /// <summary>What an operator's release or discard of a held send did.</summary>
    internal enum HeldChange
    {
        /// <summary>No message with that id has a send row.</summary>
        Unknown,

        /// <summary>Its send is not held (any more).</summary>
        NotHeld,
        Done,
    }

    /// <summary>One held send, as the operator's list shows it.</summary>
    internal sealed record HeldRow
    {
        public long Id { get; init; }
        public string? MessageId { get; init; }
        public string ConversationId { get; init; } = string.Empty;
        public string ChatId { get; init; } = string.Empty;
        public string? ReportLink { get; init; }
        public string Transport { get; init; } = string.Empty;
        public string? Reason { get; init; }
        public string? Detail { get; init; }
        public long? HeldAt { get; init; }
        public long? ReleaseAt { get; init; }
        public string Payload { get; init; } = string.Empty;
    }
}
