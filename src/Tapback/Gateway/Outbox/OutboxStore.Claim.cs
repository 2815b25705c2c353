using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// The outbox claim: a worker leases conversations whose oldest open row (their head) is claimable,
/// due and free, and takes each one's queued rows in order. One claim can lease several conversations,
/// one batch each, so a dispatcher with free places pays one look and one write for all of them.
/// </summary>
internal sealed partial class OutboxStore
{
    private const int MaxBatch = 50;

    // How many of the oldest claimable rows the head search checks before stepping through the
    // conversations that have claimable rows: more than a few conversations' worth of a long answer's bubbles.
    internal const int CandidateRows = 256;

    /// <summary>The rows of one conversation's head batch, or none (see <see cref="ClaimManyAsync"/>).</summary>
    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        (await ClaimManyAsync(owner, lease, 1, cancellationToken)) is [var rows, ..] ? rows : [];

    /// <summary>
    /// Leases up to <paramref name="conversations"/> conversations, one batch of rows each (all with
    /// <paramref name="owner"/>), in the order of their heads. Scheduled sends that came due and held
    /// sends whose release came are queued first, so this claim may take them.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<OutboxRow>>> ClaimManyAsync(string owner, TimeSpan lease, int conversations, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Due due;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // One look before any write (on SQLite a write queues for the one writer): most claims (polls,
            // wake-ups) find nothing scheduled, nothing held and nothing claimable.
            due = await connection.QuerySingleAsync<Due>(new CommandDefinition(
                $"""
                SELECT EXISTS (SELECT 1 FROM outbox WHERE state = '{OutboxStates.Scheduled}' AND next_attempt_at <= @now) AS Scheduled,
                       EXISTS (SELECT 1 FROM outbox WHERE state = '{OutboxStates.Held}' AND release_at <= @now) AS Held,
                       EXISTS (SELECT 1 FROM outbox
                               WHERE state IN ({OutboxStates.Claimable}) AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)) AS Claimable
                """,
                new { now },
                cancellationToken: cancellationToken));
        }

        var promoted = due.Scheduled && await PromoteDueAsync(now, cancellationToken) > 0;
        var requeued = due.Held && await RequeueDueHeldAsync(now, cancellationToken) > 0;
        if (!due.Claimable && !promoted && !requeued)
        {
            return [];
        }

        var leaseUntil = now + (long)lease.TotalMilliseconds;

        // SQLite's one writer: queue in the group commit instead of sleeping in SQLite's busy handler.
        // PostgreSQL: the head row stands for its conversation, and locking it keeps a second node's
        // claim off the conversation (see Database.BeginClaimAsync).
        return await groupCommit.ClaimAsync(
            (connection, transaction, token) => LeaseAsync(connection, transaction, owner, now, leaseUntil, conversations, token),
            cancellationToken);
    }

    private static async Task<IReadOnlyList<IReadOnlyList<OutboxRow>>> LeaseAsync(
        DbConnection connection, DbTransaction transaction, string owner, long now, long leaseUntil, int conversations, CancellationToken cancellationToken)
    {
        var heads = await HeadsAsync(connection, transaction, now, conversations, cancellationToken);
        var batches = new List<IReadOnlyList<OutboxRow>>(heads.Count);
        foreach (var conversationId in heads)
        {
            // The conversation's chat comes back with its rows (one seek each), not from a read of its own.
            // The open states' term lets the store read them from ix_outbox_conversation_open.
            var rows = await PreparedStatements.QueryAsync(
                connection,
                transaction,
                $"""
                UPDATE outbox SET lease_owner = @owner, lease_until = @leaseUntil
                WHERE id IN (SELECT id FROM outbox WHERE conversation_id = @conversationId AND state IN ({OutboxStates.Open}) AND state IN ({OutboxStates.Claimable}) ORDER BY id LIMIT {MaxBatch})
                RETURNING id, lease_owner, idempotency_key, transport, conversation_id,
                          (SELECT chat_id FROM conversations WHERE conversations.id = outbox.conversation_id),
                          kind, message_id, payload, delay_ms, attempts, state, attempted_at, reconcile_attempts, last_error, governor_exempt
                """,
                ReadLeased,
                cancellationToken,
                ("@owner", owner),
                ("@conversationId", conversationId),
                ("@leaseUntil", leaseUntil));
            batches.Add([.. rows.OrderBy(row => row.Id)]);
        }

        return batches;
    }

    private static OutboxRow ReadLeased(DbDataReader reader) => new()
    {
        Id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
        LeaseOwner = reader.GetString(1),
        IdempotencyKey = reader.GetString(2),
        Transport = reader.GetString(3),
        ConversationId = reader.GetString(4),
        ChatId = reader.GetString(5),
        Kind = reader.GetString(6),
        MessageId = reader.IsDBNull(7) ? null : reader.GetString(7),
        Payload = reader.GetString(8),
        DelayMs = Convert.ToInt64(reader.GetValue(9), CultureInfo.InvariantCulture),
        Attempts = Convert.ToInt64(reader.GetValue(10), CultureInfo.InvariantCulture),
        State = reader.GetString(11),
        AttemptedAt = reader.IsDBNull(12) ? null : Convert.ToInt64(reader.GetValue(12), CultureInfo.InvariantCulture),
        ReconcileAttempts = Convert.ToInt64(reader.GetValue(13), CultureInfo.InvariantCulture),
        LastError = reader.IsDBNull(14) ? null : reader.GetString(14),
        GovernorExempt = Convert.ToBoolean(reader.GetValue(15), CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Up to <paramref name="conversations"/> conversations whose head is claimable, oldest head first.
    /// The usual case, cheap whatever the backlog: the heads are among the oldest claimable rows, each
    /// checked with one probe for an older open row of its conversation (<see cref="CandidatesSql"/>).
    /// Only when those rows are all queued behind a busy head (a long answer's bubbles, more than a
    /// claim's batch) does the search step through the conversations that have claimable rows.
    /// </summary>
    private static async Task<List<string>> HeadsAsync(DbConnection connection, DbTransaction transaction, long now, int conversations, CancellationToken cancellationToken)
    {
        var candidates = await PreparedStatements.QueryAsync(
            connection,
            transaction,
            CandidatesSql(connection),
            reader => new Candidate
            {
                Id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                ConversationId = reader.GetString(1),
                IsHead = Convert.ToBoolean(reader.GetValue(2), CultureInfo.InvariantCulture),
            },
            cancellationToken,
            ("@now", now));
        var heads = candidates.Where(candidate => candidate.IsHead).Take(conversations).ToList();
        if (heads.Count == 0 && candidates.Count < CandidateRows)
        {
            return [];
        }

        // SQLite: the writer's transaction has kept every other write out since the candidates were
        // read, so the heads found are still claimable; only heads found by stepping need their conversation.
        if (connection is not NpgsqlConnection && (heads.Count == conversations || candidates.Count < CandidateRows))
        {
            return [.. heads.Select(head => head.ConversationId)];
        }

        var ids = heads.Select(head => head.Id).ToList();
        if (ids.Count < conversations && candidates.Count == CandidateRows)
        {
            var more = await connection.QueryAsync<long>(new CommandDefinition(
                HeadsBehindCandidatesSql(connection), new { now, after = candidates[^1].Id, limit = conversations - ids.Count }, transaction, cancellationToken: cancellationToken));
            ids.AddRange(more);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        // Lock the heads found (PostgreSQL: another node's claim skips them, and a head another node
        // leased since this claim's look is read again here and left out); the lease conditions hold on
        // SQLite too, where the writer's transaction already keeps everyone else out.
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT head.conversation_id FROM outbox head
            WHERE head.id {SqlDialect.InList(connection, "@heads")}
              AND head.state IN ({OutboxStates.Claimable}) AND head.next_attempt_at <= @now
              AND (head.lease_until IS NULL OR head.lease_until <= @now)
            ORDER BY head.id
            {SqlDialect.ForUpdateSkipLocked(connection, "head")}
            """,
            new { heads = ids.ToArray(), now },
            transaction,
            cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// The oldest claimable rows (due, free), read in id order from ix_outbox_claimable_order and bounded,
    /// each marked whether it is its conversation's head: no older open row in its conversation, one
    /// probe of ix_outbox_conversation_open. A conversation's rows queued behind its busy head are the
    /// only rows read for nothing, and the claim leases a conversation's queued rows together, so they are few.
    /// SQLite's planner, without statistics, might read every claimable row by state and sort them,
    /// hence INDEXED BY.
    /// </summary>
    internal static string CandidatesSql(DbConnection connection) =>
        $"""
        SELECT candidate.id AS Id, candidate.conversation_id AS ConversationId,
               NOT EXISTS (SELECT 1 FROM outbox earlier {SqlDialect.IndexedBy(connection, "ix_outbox_conversation_open")}
                           WHERE earlier.conversation_id = candidate.conversation_id AND earlier.state IN ({OutboxStates.Open})
                             AND earlier.id < candidate.id) AS IsHead
        FROM outbox candidate {SqlDialect.IndexedBy(connection, "ix_outbox_claimable_order")}
        WHERE candidate.state IN ({OutboxStates.Claimable}) AND candidate.next_attempt_at <= @now
          AND (candidate.lease_until IS NULL OR candidate.lease_until <= @now)
        ORDER BY candidate.id
        LIMIT {CandidateRows}
        """;

    /// <summary>
    /// The rare case: every one of the oldest claimable rows waits behind a busy head (one conversation
    /// queued more bubbles than a claim's batch). The conversations' heads, found by stepping from one
    /// open conversation to the next through ix_outbox_conversation_open, so the cost follows the number
    /// of open conversations, not the rows queued in them: checking every claimable row for being its
    /// conversation's head would cost that backlog on every claim while the long conversation drains.
    /// </summary>
    internal static string HeadsBehindCandidatesSql(DbConnection connection) =>
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
        SELECT head.id FROM heads
        JOIN outbox head ON head.id = heads.id
        WHERE head.state IN ({OutboxStates.Claimable}) AND head.next_attempt_at <= @now
          AND (head.lease_until IS NULL OR head.lease_until <= @now) AND head.id > @after
        ORDER BY head.id
        LIMIT @limit
        """;

    private sealed class Due
    {
        public bool Scheduled { get; init; }

        public bool Held { get; init; }

        public bool Claimable { get; init; }
    }

    private sealed class Candidate
    {
        public long Id { get; init; }

        public string ConversationId { get; init; } = string.Empty;

        public bool IsHead { get; init; }
    }
}
