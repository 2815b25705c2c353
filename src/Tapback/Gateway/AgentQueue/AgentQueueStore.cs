using System.Data.Common;
using Dapper;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// The durable per-link queue. A worker leases all pending rows of one conversation at a time, so a
/// conversation is worked by one worker, in order; different conversations run side by side.
/// </summary>
internal sealed partial class AgentQueueStore(Database database, GroupCommit groupCommit, TimeProvider time)
{
    public static Task<bool> EnqueueAsync(
        DbConnection connection,
        DbTransaction transaction,
        string link,
        string conversationId,
        string kind,
        string? messageId,
        long? reactionId,
        long now,
        CancellationToken cancellationToken) =>
        EnqueueAsync(connection, transaction, link, conversationId, kind, messageId, reactionId, payload: null, now, cancellationToken);

    /// <summary>
    /// Adds a row inside the caller's transaction; <paramref name="payload"/> is JSON the row's columns do not hold.
    /// Returns whether a webhook delivery was written with it. <paramref name="subscriptions"/>: the
    /// integration's webhook subscriptions, when the caller started reading them earlier
    /// (<see cref="WebhookFanOut.LookUp"/>); read here otherwise.
    /// </summary>
    public static async Task<bool> EnqueueAsync(
        DbConnection connection,
        DbTransaction transaction,
        string link,
        string conversationId,
        string kind,
        string? messageId,
        long? reactionId,
        string? payload,
        long now,
        CancellationToken cancellationToken,
        Task<IReadOnlyList<WebhookFanOut.Subscription>>? subscriptions = null)
    {
        // An integration's webhooks hear what its queue hears, written in this same transaction. What
        // its webhooks carry is not also kept for a WebSocket that never came: an integration answered
        // only by webhooks grows no queue that no one drains. Once a socket has said `ready` its
        // events wait for it while it is away, whatever the webhooks hear.
        var fanOut = await WebhookFanOut.WriteAsync(connection, transaction, link, conversationId, kind, messageId, reactionId, payload, now, cancellationToken, subscriptions);
        if (fanOut.Heard && !fanOut.SocketCame)
        {
            return fanOut.Written;
        }

        await PreparedStatements.ExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO agent_queue (link, conversation_id, kind, message_id, reaction_id, payload, state, created_at)
            VALUES (@link, @conversationId, @kind, @messageId, @reactionId, @payload, '{AgentQueueStates.Pending}', @now)
            """,
            cancellationToken,
            ("@link", link),
            ("@conversationId", conversationId),
            ("@kind", kind),
            ("@messageId", messageId),
            ("@reactionId", reactionId),
            ("@payload", payload),
            ("@now", now));
        return fanOut.Written;
    }

    /// <summary>
    /// Leases the pending rows of the conversation whose oldest pending row is oldest, skipping
    /// conversations another worker holds and those with a row newer than <paramref name="quietFor"/>
    /// (the person may still be typing: what arrives together is answered together). Returns null
    /// when nothing is claimable.
    /// </summary>
    public async Task<AgentQueueBatch?> ClaimAsync(string link, string owner, TimeSpan lease, TimeSpan quietFor = default, CancellationToken cancellationToken = default) =>
        await ClaimAsync(link, owner, lease, quietFor, conversations: 1, cancellationToken: cancellationToken) is [var batch] ? batch : null;

    /// <summary>
    /// Leases up to <paramref name="conversations"/> conversations, oldest first, each as
    /// <see cref="ClaimAsync(string, string, TimeSpan, TimeSpan, CancellationToken)"/> would one after the
    /// other, in one transaction: a worker with that many free places fills them with one commit.
    /// </summary>
    /// <remarks>
    /// With <paramref name="typingCap"/> above zero a conversation whose person is typing
    /// (<c>conversations.peer_typing_since</c>) is passed over until the indicator goes off or has been
    /// on that long: they are likely writing more, answered together once they stop.
    /// </remarks>
    public async Task<IReadOnlyList<AgentQueueBatch>> ClaimAsync(
        string link, string owner, TimeSpan lease, TimeSpan quietFor, int conversations, TimeSpan typingCap = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conversations, 1);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var quietSince = now - (long)quietFor.TotalMilliseconds;
        var typingSince = now - (long)typingCap.TotalMilliseconds;
        await using var connection = await database.OpenAsync(cancellationToken);
        // Most claims find nothing (a poll, a wake-up another node answered first): look before beginning
        // the claim, so idle workers do not queue on SQLite's writer lock.
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"""
            SELECT EXISTS (SELECT 1 FROM agent_queue
                           WHERE link = @link AND state = '{AgentQueueStates.Pending}' AND (lease_until IS NULL OR lease_until <= @now) AND created_at <= @quietSince)
            """,
            new { link, now, quietSince },
            cancellationToken: cancellationToken)))
        {
            return [];
        }

        var window = new ClaimWindow(now, quietSince, typingSince, now + (long)lease.TotalMilliseconds);

        // SQLite has one writer: a claim that begins its own transaction waits for the lock in SQLite's
        // busy handler, which sleeps (1, 2, 5 … 100 ms) while the group commit's batches come and go. In
        // the group commit the claim queues in order behind the writes already waiting and commits with them.
        // PostgreSQL: the candidate is the conversation's oldest pending row, which stands for its
        // conversation: locking it keeps a second node's claim off the conversation, and the lease test
        // on the row itself is checked again on its newest version (see Database.BeginClaimAsync). One
        // conversation per transaction there, as the several-node tests measured: a claim's row locks stay
        // on one conversation, and nodes' claims run side by side anyway.
        var perClaim = database.IsPostgres ? 1 : conversations;
        return await groupCommit.ClaimAsync(
            (writer, transaction, token) => LeaseAsync(writer, transaction, link, owner, window, perClaim, token),
            cancellationToken);
    }

    /// <summary>The instants of one claim, in Unix ms: now, the debounce's and the typing cap's edges, and the lease's end.</summary>
    private readonly record struct ClaimWindow(long Now, long QuietSince, long TypingSince, long LeaseUntil);

    private static async Task<IReadOnlyList<AgentQueueBatch>> LeaseAsync(
        DbConnection connection, DbTransaction transaction, string link, string owner, ClaimWindow window, int conversations, CancellationToken cancellationToken)
    {
        // Each lease makes its conversation held, so the next statement passes over it.
        var batches = new List<AgentQueueBatch>();
        while (batches.Count < conversations
            && await LeaseAsync(connection, transaction, link, owner, window, cancellationToken) is { Count: > 0 } items)
        {
            batches.Add(new AgentQueueBatch(link, items[0].ConversationId, owner, items));
        }

        return batches;
    }

    private static async Task<IReadOnlyList<AgentQueueItem>> LeaseAsync(
        DbConnection connection, DbTransaction transaction, string link, string owner, ClaimWindow window, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<AgentQueueItem>(new CommandDefinition(
            LeaseSql(connection),
            new { link, owner, now = window.Now, quietSince = window.QuietSince, typingSince = window.TypingSince, leaseUntil = window.LeaseUntil },
            transaction,
            cancellationToken: cancellationToken))).OrderBy(item => item.Seq).ToList();

    /// <summary>
    /// Leases every pending row of one claimable conversation (parameters @link, @owner, @now,
    /// @quietSince, @typingSince, @leaseUntil). The candidate scan walks ix_agent_queue_claim_order in seq order and
    /// stops at the first conversation it may take; sorting the backlog instead made each claim cost as
    /// much as the backlog was long (AgentQueueClaimPlanTests).
    /// </summary>
    internal static string LeaseSql(DbConnection connection) =>
        $"""
        UPDATE agent_queue
        SET lease_owner = @owner, lease_until = @leaseUntil
        WHERE link = @link AND state = '{AgentQueueStates.Pending}' AND conversation_id = (
            SELECT candidate.conversation_id FROM agent_queue candidate
            WHERE candidate.link = @link AND candidate.state = '{AgentQueueStates.Pending}'
              AND (candidate.lease_until IS NULL OR candidate.lease_until <= @now)
              AND candidate.seq = (
                  SELECT min(first.seq) FROM agent_queue first
                  WHERE first.link = @link AND first.state = '{AgentQueueStates.Pending}' AND first.conversation_id = candidate.conversation_id)
              AND NOT EXISTS (
                  SELECT 1 FROM agent_queue held
                  WHERE held.link = @link AND held.state = '{AgentQueueStates.Pending}'
                    AND held.conversation_id = candidate.conversation_id
                    AND held.lease_until > @now)
              AND NOT EXISTS (
                  SELECT 1 FROM agent_queue recent
                  WHERE recent.link = @link AND recent.state = '{AgentQueueStates.Pending}'
                    AND recent.conversation_id = candidate.conversation_id
                    AND recent.created_at > @quietSince)
              AND NOT EXISTS (
                  SELECT 1 FROM conversations typing
                  WHERE typing.id = candidate.conversation_id AND typing.peer_typing_since > @typingSince)
            ORDER BY candidate.seq
            LIMIT 1
            {SqlDialect.ForUpdateSkipLocked(connection, "candidate")})
        RETURNING seq AS Seq, conversation_id AS ConversationId, kind AS Kind, message_id AS MessageId, reaction_id AS ReactionId, created_at AS CreatedAt
        """;

    /// <summary>Marks the batch's rows done inside the caller's transaction (the one that wrote the reply).</summary>
    public static async Task CompleteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<long> seqs, long now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE agent_queue SET state = '{AgentQueueStates.Done}', done_at = @now, lease_owner = NULL, lease_until = NULL WHERE seq {SqlDialect.InList(connection, "@seqs")} AND state = '{AgentQueueStates.Pending}'",
            new { seqs = seqs.ToArray(), now },
            transaction,
            cancellationToken: cancellationToken));
    }

    public async Task CompleteAsync(IEnumerable<long> seqs, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        await CompleteAsync(connection, transaction, seqs, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives a batch's rows back (a turn failed or the worker is stopping), so they are claimed again.</summary>
    public async Task ReleaseAsync(AgentQueueBatch batch, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE agent_queue SET lease_owner = NULL, lease_until = NULL WHERE seq {SqlDialect.InList(connection, "@seqs")} AND lease_owner = @owner AND state = '{AgentQueueStates.Pending}'",
            new { seqs = batch.Items.Select(item => item.Seq).ToArray(), owner = batch.LeaseOwner },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Gives what waits for <paramref name="from"/> to <paramref name="to"/>: the messages and tapbacks
    /// and the person's edits and unsends of their messages, in their order; the reports (sent,
    /// delivered …) and typing were news only to the first link's agent and are dropped. Returns the rows handed over.
    /// </summary>
    public static async Task<int> HandOverAsync(DbConnection connection, DbTransaction transaction, string from, string to, long now, CancellationToken cancellationToken)
    {
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE agent_queue SET link = @to, lease_owner = NULL, lease_until = NULL
            WHERE link = @from AND state = '{AgentQueueStates.Pending}' AND kind IN ('{AgentQueueKinds.Message}', '{AgentQueueKinds.Reaction}', '{AgentQueueKinds.MessageEdited}', '{AgentQueueKinds.MessageUnsent}')
            """,
            new { from, to },
            transaction,
            cancellationToken: cancellationToken));
        await DiscardPendingAsync(connection, transaction, from, now, cancellationToken);
        return moved;
    }

    /// <summary>Whether <paramref name="link"/> was ever given an event of the conversation (answered or not).</summary>
    public static Task<bool> EverQueuedAsync(DbConnection connection, DbTransaction transaction, string link, string conversationId, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM agent_queue WHERE link = @link AND conversation_id = @conversationId)",
            new { link, conversationId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Drops what still waits for <paramref name="link"/> (an integration resumed with discard, re-paired or deleted). Returns the rows dropped.</summary>
    public static Task<int> DiscardPendingAsync(DbConnection connection, DbTransaction transaction, string link, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE agent_queue SET state = '{AgentQueueStates.Discarded}', done_at = @now WHERE link = @link AND state = '{AgentQueueStates.Pending}'",
            new { link, now },
            transaction,
            cancellationToken: cancellationToken));
}
